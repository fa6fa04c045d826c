import type { ProgramNode } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { nodeName } from './node-names.ts';

const at = { x: 0, y: 0 };

describe('nodeName', () => {
  it('prefers the label the creator gave the step', () => {
    const node: ProgramNode = {
      id: 'q1',
      type: 'question',
      position: at,
      data: { label: ' Goal ', prompt: 'What is your goal?', answerType: 'text', variable: 'goal' },
    };
    expect(nodeName(node)).toBe('Goal');
  });

  it('falls back to what the step says, shortened, then to its id', () => {
    const text = 'Welcome to the programme! Over the next three weeks we will build one small habit.';
    const message: ProgramNode = { id: 'm1', type: 'message', position: at, data: { text } };
    expect(nodeName(message)).toBe('Welcome to the programme! Over the next three…');
    const habit: ProgramNode = {
      id: 'h1',
      type: 'habit',
      position: at,
      data: { name: 'Walk 10 minutes', frequency: 'daily', target: 1 },
    };
    expect(nodeName(habit)).toBe('Walk 10 minutes');
    const start: ProgramNode = { id: 'start', type: 'start', position: at, data: {} };
    expect(nodeName(start)).toBe('start');
  });
});
