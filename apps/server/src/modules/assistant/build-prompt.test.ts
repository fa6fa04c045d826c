import { describe, expect, it } from 'vitest';
import { buildSystemPrompt, fitHistory } from './build-prompt.ts';
import type { Voice } from './offline-composer.ts';

const voice: Voice = {
  coachName: 'Coach Marta',
  language: 'auto',
  greeting: 'Hey!',
  signOff: '— M',
  tone: ['warm', 'direct'],
  style: 'Short sentences.',
  expertise: ['running'],
  dos: ['Ask one question back'],
  donts: ['Recommend supplements'],
  exampleReplies: [{ question: 'Can I run daily?', answer: 'Yes, if most runs are easy.' }],
};

describe('buildSystemPrompt', () => {
  it('puts the voice, rules, memory, summary and numbered passages in the prompt', () => {
    const { system, passagesUsed } = buildSystemPrompt({
      voice,
      language: 'es',
      passages: [
        { n: 1, title: 'Running plan', kind: 'document', content: 'Run easy four days a week.' },
        { n: 2, title: 'Coach’s correction', kind: 'correction', content: 'Rest on Sundays.' },
      ],
      memory: ['Name: Ana'],
      summary: '- Client: wants a 10k',
      firstTurn: true,
    });
    for (const part of [
      'You are Coach Marta',
      'Reply in Spanish',
      'Tone: warm, direct',
      '- Ask one question back',
      '- Recommend supplements',
      'Client: Can I run daily?',
      'Open the conversation with: "Hey!"',
      '[1] Running plan\nRun easy four days a week.',
      '[2] (correction) Coach’s correction',
      '- Name: Ana',
      '- Client: wants a 10k',
    ])
      expect(system).toContain(part);
    expect(passagesUsed).toEqual([1, 2]);
  });

  it('keeps passages within the budget, best first', () => {
    const big = 'x'.repeat(4000);
    const { passagesUsed } = buildSystemPrompt({
      voice,
      language: 'en',
      passages: [1, 2, 3].map((n) => ({ n, title: `P${n}`, kind: 'document' as const, content: big })),
      memory: [],
      summary: null,
      firstTurn: false,
      passageBudget: 2500,
    });
    expect(passagesUsed).toEqual([1, 2]);
  });
});

describe('fitHistory', () => {
  it('keeps the newest turns that fit, starting with the user', () => {
    const turns = Array.from({ length: 10 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `turn ${i} ${'word '.repeat(40)}`,
    }));
    const kept = fitHistory(turns, 200);
    expect(kept.length).toBeLessThan(10);
    expect(kept[0]!.role).toBe('user');
    expect(kept[kept.length - 1]!.content).toContain('turn 9');
  });
});
