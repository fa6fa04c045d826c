import { describe, expect, it } from 'vitest';
import { numberedParameters, splitTemplateBody } from './template-body.ts';

describe('splitTemplateBody', () => {
  it('splits text around numbered and named placeholders', () => {
    expect(splitTemplateBody('Hi {{1}}, see you {{ day }}.')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'parameter', name: '1', text: '{{1}}', value: undefined },
      { kind: 'text', text: ', see you ' },
      { kind: 'parameter', name: 'day', text: '{{ day }}', value: undefined },
      { kind: 'text', text: '.' },
    ]);
  });

  it('fills numbered placeholders with their values, leaving blank ones as placeholders', () => {
    const parts = splitTemplateBody('{{1}} and {{2}}', ['Ana', '  ']);
    expect(parts.filter((p) => p.kind === 'parameter').map((p) => p.value)).toEqual(['Ana', undefined]);
  });

  it('returns a body without placeholders as one piece of text', () => {
    expect(splitTemplateBody('Hello world')).toEqual([{ kind: 'text', text: 'Hello world' }]);
  });
});

describe('numberedParameters', () => {
  it('lists each numbered parameter once, in order', () => {
    expect(numberedParameters('{{2}} {{1}} {{2}} {{name}}')).toEqual([1, 2]);
  });

  it('is empty for a body without parameters', () => {
    expect(numberedParameters('Thanks!')).toEqual([]);
  });
});
