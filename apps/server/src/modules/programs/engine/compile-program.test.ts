import { describe, expect, it } from 'vitest';
import { compileProgram, edgeHandle } from './compile-program.ts';
import { definition, node } from './test-helpers.ts';

describe('compileProgram', () => {
  const def = () =>
    definition(
      [
        node('start', 'start', {}),
        node('q', 'question', {
          prompt: 'Q',
          answerType: 'choice',
          variable: 'v',
          choices: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
          ],
        }),
        node('m', 'message', { text: 'M' }),
        node('m2', 'message', { text: 'M2' }),
        node('end', 'end', {}),
        node('orphan', 'message', { text: 'never' }),
        node('stuck', 'message', { text: 'no way out' }),
      ],
      [
        ['start', 'q'],
        ['q', 'm', 'choice:a'],
        ['q', 'end'],
        ['q', 'stuck', 'invalid'],
        ['m', 'm2'],
        ['m', 'end'], // a second `next`: ignored
        ['m2', 'end'],
        ['orphan', 'end'],
        ['q', 'ghost'], // dangling: dropped
      ],
    );

  it('indexes nodes and outgoing edges by handle (missing handle = next, first edge wins)', () => {
    const p = compileProgram(def());
    expect(p.startNodeId).toBe('start');
    expect(p.nodes.get('q')?.type).toBe('question');
    expect([...p.outgoing.get('q')!.keys()].sort()).toEqual(['choice:a', 'invalid', 'next']);
    expect(p.outgoing.get('q')!.get('next')!.target).toBe('end');
    expect(p.outgoing.get('m')!.get('next')!.target).toBe('m2');
    expect(p.outgoing.get('end')).toBeUndefined();
    expect(edgeHandle({ sourceHandle: null })).toBe('next');
    expect(edgeHandle({ sourceHandle: '' })).toBe('next');
    expect(edgeHandle({})).toBe('next');
  });

  it('computes progress from the shortest distances from the start and to an end', () => {
    const p = compileProgram(def());
    expect(Object.fromEntries(p.progress)).toEqual({
      start: 0,
      q: 50, // 1 from the start, 1 to the end
      m: 50, // 2 / (2 + 2)
      m2: 75, // 3 / (3 + 1)
      end: 100,
      orphan: 0, // not reachable from the start
      stuck: 0, // no way to an end
    });
  });

  it('throws without a start node', () => {
    expect(() => compileProgram(definition([node('end', 'end', {})], []))).toThrow(/start/);
  });
});
