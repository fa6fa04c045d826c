import { type SimulateBody, SimulateBodySchema } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { findTemplate } from '../templates/index.ts';
import { simulateProgram } from './simulate.ts';
import { definition, NOW, node } from './test-helpers.ts';

const DAY = 86_400_000;
const body = (b: SimulateBody = {}) => SimulateBodySchema.parse(b);

/** start → welcome → q (choice, with an invalid edge) → ... → end; a branch only a tag can reach. */
const branchy = () =>
  definition(
    [
      node('start', 'start', {}),
      node('welcome', 'message', { text: 'Hi {{user.firstName}}' }),
      node('q', 'question', {
        prompt: 'How do you feel?',
        answerType: 'choice',
        variable: 'mood',
        choices: [
          { id: 'good', label: 'Good' },
          { id: 'bad', label: 'Bad' },
        ],
      }),
      node('good', 'message', { text: 'Great' }),
      node('bad', 'message', { text: 'Sorry to hear' }),
      node('lost', 'message', { text: 'Never mind' }),
      node('wait', 'wait', { mode: 'duration', amount: 1, unit: 'days' }),
      node('score', 'question', { prompt: 'Score?', answerType: 'scale', variable: 'score' }),
      node('by_score', 'condition', {
        branches: [{ id: 'low', clauses: [{ source: 'variable', variable: 'score', op: 'lte', value: 3 }] }],
      }),
      node('low', 'milestone', { name: 'Honest', points: 5 }),
      node('vip_check', 'condition', {
        branches: [{ id: 'vip', clauses: [{ source: 'tag', op: 'exists', value: 'vip' }] }],
      }),
      node('vip', 'message', { text: 'VIP perk' }),
      node('ai', 'ai', { goal: 'Chat about the week', exit: { maxTurns: 2 } }),
      node('end', 'end', { message: 'Bye' }),
    ],
    [
      ['start', 'welcome'],
      ['welcome', 'q'],
      ['q', 'bad', 'choice:bad'],
      ['q', 'good'],
      ['q', 'lost', 'invalid'],
      ['good', 'wait'],
      ['bad', 'wait'],
      ['lost', 'wait'],
      ['wait', 'score'],
      ['score', 'by_score'],
      ['by_score', 'low', 'branch:low'],
      ['by_score', 'vip_check', 'default'],
      ['low', 'vip_check'],
      ['vip_check', 'vip', 'branch:vip'],
      ['vip_check', 'ai', 'default'],
      ['vip', 'ai'],
      ['ai', 'end'],
    ],
  );

describe('simulateProgram', () => {
  it('runs the 21-day habit template to completion over 20+ virtual days', () => {
    const template = findTemplate('habit-21-days', 'en')!;
    const answers = [
      '1',
      'after my morning coffee',
      ...Array(21).fill('Yes, done'),
      'Doing it right after coffee',
    ];
    const result = simulateProgram(
      template.definition,
      body({ answers, startAt: '2026-03-02T08:00:00Z', user: { timeZone: 'Europe/Madrid', language: 'en' } }),
    );
    const run = result.runs[0]!;
    expect(result.validation.valid).toBe(true);
    expect(run.outcome).toBe('completed');
    expect(run.elapsedMs).toBeGreaterThanOrEqual(20 * DAY);
    expect(run.variables).toMatchObject({ day: 21, done_days: 21, habit: 'move for 10 minutes' });
    expect(run.answersUsed).toEqual(answers);
    const notes = run.transcript.filter((e) => e.from === 'system').map((e) => e.text);
    expect(notes.filter((t) => t.startsWith('Waited'))).toHaveLength(21);
    expect(notes).toContain('Milestone reached: First week done (+50 points, badge "habit-week-1")');
    expect(notes.some((t) => t.startsWith('Habit assigned: move for 10 minutes'))).toBe(true);
    expect(notes.at(-1)).toBe('Program completed');
    // Over the spring DST change the evening check-in stays at 20:00 local time.
    const checkIns = run.transcript
      .filter((e) => e.from === 'program' && e.nodeId === 'check_in')
      .map((e) => e.at);
    expect(checkIns[0]).toBe('2026-03-02T19:00:00.000Z');
    expect(checkIns.at(-1)).toBe('2026-03-22T19:00:00.000Z');
  });

  it('writes a transcript with quick replies, answers, waits and AI turns, and stops when answers run out', () => {
    const result = simulateProgram(branchy(), body({ answers: ['bad', '2', 'hello'] }), NOW);
    const run = result.runs[0]!;
    expect(run.outcome).toBe('awaiting_input');
    expect(run.answersUsed).toEqual(['bad', '2', 'hello']);
    expect(run.transcript.map((e) => [e.from, e.nodeId, e.text, e.at])).toEqual([
      ['program', 'welcome', 'Hi Alex', '2026-03-02T09:00:00.000Z'],
      ['program', 'q', 'How do you feel?', '2026-03-02T09:00:00.000Z'],
      ['user', 'q', 'bad', '2026-03-02T09:01:00.000Z'],
      ['program', 'bad', 'Sorry to hear', '2026-03-02T09:01:00.000Z'],
      ['system', 'wait', 'Waited 1 day → 2026-03-03 09:01 (UTC)', '2026-03-03T09:01:00.000Z'],
      ['program', 'score', 'Score?', '2026-03-03T09:01:00.000Z'],
      ['user', 'score', '2', '2026-03-03T09:02:00.000Z'],
      ['system', 'by_score', 'Condition: branch "low"', '2026-03-03T09:02:00.000Z'],
      ['system', 'low', 'Milestone reached: Honest (+5 points)', '2026-03-03T09:02:00.000Z'],
      ['system', 'vip_check', 'Condition: default', '2026-03-03T09:02:00.000Z'],
      ['user', 'ai', 'hello', '2026-03-03T09:03:00.000Z'],
      ['system', 'ai', '[AI coach replies, goal: Chat about the week]', '2026-03-03T09:03:00.000Z'],
    ]);
    expect(run.transcript[1]!.quickReplies).toEqual(['Good', 'Bad']);
    expect(run.elapsedMs).toBe(DAY + 3 * 60_000);
    expect(run.path).toEqual([
      'start',
      'welcome',
      'q',
      'bad',
      'wait',
      'score',
      'by_score',
      'low',
      'vip_check',
      'ai',
    ]);
    expect(run.variables).toEqual({ mood: 'Bad', score: 2 });
    expect(result.unreachedNodeIds).toEqual([]);
  });

  it('completes a script and reports the invalid path', () => {
    const run = simulateProgram(branchy(), body({ answers: ['x', 'y', 'z', '10', 'a', 'b'] }), NOW).runs[0]!;
    expect(run.outcome).toBe('completed');
    expect(run.path).toContain('lost');
    expect(run.transcript.some((e) => e.text === 'Retries used up: taking the "invalid" exit')).toBe(true);
  });

  it('explores all branches and reports nodes no answers reach', () => {
    const result = simulateProgram(branchy(), body({ mode: 'all_branches' }), NOW);
    expect(result.unreachedNodeIds).toEqual(['vip']);
    expect(result.runs.every((r) => r.outcome === 'completed')).toBe(true);
    const visited = new Set(result.runs.flatMap((r) => r.path));
    for (const id of ['good', 'bad', 'lost', 'low', 'ai', 'end']) expect(visited.has(id)).toBe(true);
    // The tag comes from the simulated user: then the branch is reached.
    const tagged = simulateProgram(branchy(), body({ mode: 'all_branches', user: { tags: ['vip'] } }), NOW);
    expect(tagged.unreachedNodeIds).toEqual([]);
    expect(tagged.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('bounds the runs and the steps', () => {
    const capped = simulateProgram(branchy(), body({ mode: 'all_branches' }), { now: NOW, maxRuns: 2 });
    expect(capped.runs).toHaveLength(2);
    const short = simulateProgram(branchy(), body({ answers: ['good'], maxSteps: 3 }), NOW);
    expect(short.runs[0]!.outcome).toBe('step_limit');
  });

  it('uses the virtual clock start and the simulated user', () => {
    const result = simulateProgram(
      branchy(),
      body({
        startAt: '2026-06-01T10:00:00+02:00',
        user: { name: 'Lucía Pérez', timeZone: 'Europe/Madrid' },
      }),
    );
    expect(result.runs[0]!.transcript[0]).toMatchObject({ at: '2026-06-01T08:00:00.000Z', text: 'Hi Lucía' });
  });

  it('reports an invalid program without running it', () => {
    const result = simulateProgram(
      definition([node('end', 'end', {})], []),
      body({ mode: 'all_branches' }),
      NOW,
    );
    expect(result.validation.valid).toBe(false);
    expect(result.validation.issues.map((i) => i.code)).toContain('no_start');
    expect(result.runs).toEqual([]);
    expect(result.unreachedNodeIds).toEqual(['end']);
  });

  it('prefers the body definition over the given one', () => {
    const other = definition(
      [node('start', 'start', {}), node('end', 'end', { message: 'Other' })],
      [['start', 'end']],
    );
    const result = simulateProgram(branchy(), body({ definition: other }), NOW);
    expect(result.runs[0]!.transcript.map((e) => e.text)).toEqual(['Other', 'Program completed']);
  });
});
