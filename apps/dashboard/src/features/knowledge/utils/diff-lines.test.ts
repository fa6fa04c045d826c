import { describe, expect, it } from 'vitest';
import { diffLines } from './diff-lines.ts';

const lines = (n: number, prefix = 'line') =>
  `${Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n')}\n`;

describe('diffLines', () => {
  it('splits hunks into lines with their kind', () => {
    const out = diffLines([
      { kind: 'equal', text: '# Habits\n\n' },
      { kind: 'removed', text: 'Drink water every morning.\n' },
      { kind: 'added', text: 'Walk ten thousand steps every day.\n' },
    ]);
    expect(out.map((l) => (l.kind === 'fold' ? `…${l.count}` : `${l.kind}:${l.text}`))).toEqual([
      'equal:# Habits',
      'equal:',
      'removed:Drink water every morning.',
      'added:Walk ten thousand steps every day.',
    ]);
  });

  it('folds long unchanged stretches, keeping context around the changes', () => {
    const out = diffLines([
      { kind: 'equal', text: lines(10, 'a') },
      { kind: 'added', text: 'new\n' },
      { kind: 'equal', text: lines(20, 'b') },
      { kind: 'removed', text: 'old\n' },
    ]);
    expect(out.map((l) => (l.kind === 'fold' ? `…${l.count}` : l.text))).toEqual([
      '…7',
      'a 8',
      'a 9',
      'a 10',
      'new',
      'b 1',
      'b 2',
      'b 3',
      '…14',
      'b 18',
      'b 19',
      'b 20',
      'old',
    ]);
    expect(new Set(out.map((l) => l.key)).size).toBe(out.length);
  });
});
