import { describe, expect, it } from 'vitest';
import { initialState, MAX_NODE_VISITS, matchKeyword, runStep } from './run-step.ts';
import { Driver, NOW, node, program, user } from './test-helpers.ts';

const at = (iso: string) => new Date(iso);

/** start → q (choice) → a/b/c messages → end */
const choiceProgram = () =>
  program(
    [
      node('start', 'start', {}),
      node('hello', 'message', { text: 'Hi {{user.firstName}}!' }),
      node('q', 'question', {
        prompt: 'Pick a drink',
        answerType: 'choice',
        variable: 'drink',
        choices: [
          { id: 'water', label: 'Agua', value: 'water' },
          { id: 'tea', label: 'Green tea' },
          { id: 'coffee', label: 'Café' },
        ],
      }),
      node('a', 'message', { text: 'Water it is' }),
      node('b', 'message', { text: 'Tea: {{drink}}' }),
      node('other', 'message', { text: 'Other: {{drink}}' }),
      node('bad', 'message', { text: 'Let us move on' }),
      node('end', 'end', {}),
    ],
    [
      ['start', 'hello'],
      ['hello', 'q'],
      ['q', 'a', 'choice:water'],
      ['q', 'b', 'choice:tea'],
      ['q', 'other'],
      ['q', 'bad', 'invalid'],
      ['a', 'end'],
      ['b', 'end'],
      ['other', 'end'],
      ['bad', 'end'],
    ],
  );

/** start → q (any answer type) → end */
const questionProgram = (data: Record<string, unknown>) =>
  program(
    [
      node('start', 'start', {}),
      node('q', 'question', { prompt: 'Q?', variable: 'v', answerType: 'text', ...data } as never),
      node('end', 'end', {}),
    ],
    [
      ['start', 'q'],
      ['q', 'end'],
    ],
  );

describe('initialState and start', () => {
  it('starts before the start node, active, with the given variables', () => {
    expect(initialState(NOW, { goal: 'run' })).toEqual({
      currentNodeId: null,
      status: 'active',
      variables: { goal: 'run' },
      retries: 0,
      aiTurns: 0,
      resumeAt: null,
      enrolledAt: NOW.toISOString(),
    });
  });

  it('fills declared defaults on start; given variables win', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('q', 'question', { prompt: '{{a}} {{b}}', answerType: 'text', variable: 'x' }),
        node('end', 'end', {}),
      ],
      [
        ['start', 'q'],
        ['q', 'end'],
      ],
      [
        { name: 'a', type: 'number', default: 1 },
        { name: 'b', type: 'text', default: 'B' },
      ],
    );
    expect(initialState(NOW, { b: 'given' }, p).variables).toEqual({ a: 1, b: 'given' });
    const d = new Driver(p, user(), NOW, { b: 'given' }).start();
    expect(d.texts).toEqual(['1 given']);
    expect(d.state.variables).toEqual({ a: 1, b: 'given' });
  });

  it('runs until the first question, with an entered step per node and quick replies', () => {
    const d = new Driver(choiceProgram()).start();
    expect(d.applied).toBe(true);
    expect(d.entered).toEqual(['start', 'hello', 'q']);
    expect(
      d.effects.filter((e) => e.type === 'message').map((e) => e.type === 'message' && e.output),
    ).toEqual([
      { nodeId: 'hello', text: 'Hi Ana!' },
      {
        nodeId: 'q',
        text: 'Pick a drink',
        quickReplies: [
          { id: 'water', label: 'Agua' },
          { id: 'tea', label: 'Green tea' },
          { id: 'coffee', label: 'Café' },
        ],
      },
    ]);
    expect(d.state).toMatchObject({ currentNodeId: 'q', status: 'active', retries: 0 });
  });

  it('does not start twice, and ignores replies before the start', () => {
    const p = choiceProgram();
    const fresh = runStep(p, initialState(NOW), { kind: 'reply', text: 'hi' }, { user: user(), now: NOW });
    expect(fresh).toMatchObject({ applied: false, effects: [] });
    const d = new Driver(p).start();
    const before = d.state;
    d.start();
    expect(d.applied).toBe(false);
    expect(d.effects).toEqual([]);
    expect(d.state).toBe(before);
  });
});

describe('questions', () => {
  it('follows the choice handle of the answer (by number, label, value, id; case/accent-insensitive)', () => {
    const cases: [string, string, string | number][] = [
      ['1', 'a', 'water'],
      ['agua', 'a', 'water'],
      ['WATER', 'a', 'water'],
      ['  green TEA ', 'b', 'Green tea'],
      ['tea', 'b', 'Green tea'],
      ['2)', 'b', 'Green tea'],
      ['cafe', 'other', 'Café'], // a choice without its own edge takes `next`
      ['3', 'other', 'Café'],
    ];
    for (const [text, target, stored] of cases) {
      const d = new Driver(choiceProgram()).start().reply(text);
      expect(d.entered, text).toEqual([target, 'end']);
      expect(d.state.variables.drink).toBe(stored);
      expect(d.state.status).toBe('completed');
    }
  });

  it('records the answer and a step_completed event', () => {
    const d = new Driver(choiceProgram()).start().reply('Green tea');
    expect(d.steps('answered')).toEqual([
      {
        type: 'step',
        nodeId: 'q',
        nodeType: 'question',
        kind: 'answered',
        detail: { answer: 'Green tea', choiceId: 'tea' },
      },
    ]);
    expect(d.events('program.step_completed')).toEqual([
      {
        type: 'event',
        name: 'program.step_completed',
        nodeId: 'q',
        data: { nodeId: 'q', nodeType: 'question' },
      },
    ]);
    expect(d.texts).toEqual(['Tea: Green tea']);
  });

  it('retries an invalid answer, then takes the invalid edge once retries are used up', () => {
    const d = new Driver(choiceProgram()).start();
    d.reply('beer');
    expect(d.state).toMatchObject({ currentNodeId: 'q', retries: 1, status: 'active' });
    expect(d.steps().map((s) => s.kind)).toEqual(['invalid_answer']);
    expect(d.texts).toEqual(["Sorry, I didn't get that. Please pick one of the options.", 'Pick a drink']);
    expect(d.of('message')[1]!.output.quickReplies).toHaveLength(3);
    d.reply('4');
    expect(d.state.retries).toBe(2);
    expect(d.steps('invalid_answer')).toHaveLength(1);
    d.reply('wine');
    expect(d.steps('retries_exhausted')).toHaveLength(1);
    expect(d.entered).toEqual(['bad', 'end']);
    expect(d.state.status).toBe('completed');
    expect(d.state.variables.drink).toBeUndefined();
  });

  it('keeps asking without an invalid edge, with the custom retry message or a Spanish default', () => {
    const p = questionProgram({ answerType: 'number', min: 1, max: 5, maxRetries: 0 });
    const d = new Driver(p, user({ language: 'es' })).start();
    for (let i = 1; i <= 3; i++) {
      d.reply('mucho');
      expect(d.state.retries).toBe(i);
      expect(d.texts).toEqual([
        'Perdona, no te he entendido. Responde con un número entre 1 y 5, por favor.',
        'Q?',
      ]);
    }
    const custom = new Driver(
      questionProgram({ retryMessage: 'Try again, {{user.firstName}}', min: 5 }),
    ).start();
    custom.reply('abc');
    expect(custom.texts).toEqual(['Try again, Ana', 'Q?']);
    custom.reply('abcde');
    expect(custom.state.status).toBe('completed');
    expect(custom.state.retries).toBe(0);
  });

  it('takes the invalid edge at once with maxRetries 0', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('q', 'question', { prompt: 'Q?', answerType: 'scale', variable: 's', maxRetries: 0 }),
        node('end', 'end', {}),
        node('out', 'end', { outcome: 'exited' }),
      ],
      [
        ['start', 'q'],
        ['q', 'end'],
        ['q', 'out', 'invalid'],
      ],
    );
    const d = new Driver(p).start().reply('lots');
    expect(d.steps().map((s) => s.kind)).toEqual(['retries_exhausted', 'entered', 'exited']);
    expect(d.state.status).toBe('exited');
  });

  describe('normalises answers by type', () => {
    const answer = (data: Record<string, unknown>, text: string, who = user(), now = NOW) => {
      const d = new Driver(questionProgram(data), who, now).start(now).reply(text, now);
      return d.state.status === 'completed' ? d.state.variables.v : 'INVALID';
    };

    it('text: trimmed, non-empty, length bounds, pattern', () => {
      expect(answer({}, '  Run a 5k  ')).toBe('Run a 5k');
      expect(answer({}, '   ')).toBe('INVALID');
      expect(answer({ min: 3 }, 'ab')).toBe('INVALID');
      expect(answer({ max: 3 }, 'abcd')).toBe('INVALID');
      expect(answer({ max: 3 }, 'ñoñ')).toBe('ñoñ');
      expect(answer({ pattern: '^\\S+@\\S+$' }, 'ana@example.com')).toBe('ana@example.com');
      expect(answer({ pattern: '^\\S+@\\S+$' }, 'not an email')).toBe('INVALID');
    });

    it('number: integers, decimal point or comma, thousands by language, units, bounds', () => {
      const n = { answerType: 'number' };
      expect(answer(n, '7')).toBe(7);
      expect(answer(n, '7.5')).toBe(7.5);
      expect(answer(n, '7,5')).toBe(7.5);
      expect(answer(n, '-2')).toBe(-2);
      expect(answer(n, '72,5 kg', user({ language: 'es' }))).toBe(72.5);
      expect(answer(n, '1,500')).toBe(1500);
      expect(answer(n, '1.500', user({ language: 'es' }))).toBe(1500);
      expect(answer(n, '1.500')).toBe(1.5);
      expect(answer(n, '8 horas', user({ language: 'es' }))).toBe(8);
      expect(answer(n, 'seven')).toBe('INVALID');
      expect(answer(n, '7 or 8')).toBe('INVALID');
      expect(answer({ ...n, min: 0, max: 24 }, '25')).toBe('INVALID');
      expect(answer({ ...n, min: 0, max: 24 }, '0')).toBe(0);
    });

    it('scale: integers in range (default 1..10), "8/10", "8 de 10"', () => {
      const s = { answerType: 'scale' };
      expect(answer(s, '8')).toBe(8);
      expect(answer(s, '8/10')).toBe(8);
      expect(answer(s, '8 / 10')).toBe(8);
      expect(answer(s, '8 out of 10')).toBe(8);
      expect(answer(s, '8 de 10', user({ language: 'es' }))).toBe(8);
      expect(answer(s, '8 sobre 10', user({ language: 'es' }))).toBe(8);
      expect(answer(s, '0')).toBe('INVALID');
      expect(answer(s, '11')).toBe('INVALID');
      expect(answer(s, '7.5')).toBe('INVALID');
      expect(answer({ ...s, min: 0, max: 5 }, '0')).toBe(0);
      expect(answer({ ...s, min: 0, max: 5 }, '6')).toBe('INVALID');
    });

    it('date: ISO, dd/mm/yyyy, and today/tomorrow in the user’s local date (en + es)', () => {
      const d = { answerType: 'date' };
      expect(answer(d, '2026-03-15')).toBe('2026-03-15');
      expect(answer(d, '15/03/2026')).toBe('2026-03-15');
      expect(answer(d, '5-3-2026')).toBe('2026-03-05');
      expect(answer(d, '12/31/2026')).toBe('2026-12-31'); // only valid as mm/dd
      expect(answer(d, '31/02/2026')).toBe('INVALID');
      expect(answer(d, '2026-02-30')).toBe('INVALID');
      expect(answer(d, 'next week')).toBe('INVALID');
      // 23:30 UTC on 2 March is 00:30 on 3 March in Madrid.
      const late = at('2026-03-02T23:30:00Z');
      expect(answer(d, 'today', user(), late)).toBe('2026-03-03');
      expect(answer(d, 'Tomorrow', user(), late)).toBe('2026-03-04');
      expect(answer(d, 'hoy', user({ language: 'es' }), late)).toBe('2026-03-03');
      expect(answer(d, 'Mañana', user({ language: 'es' }), late)).toBe('2026-03-04');
      expect(answer(d, 'manana', user({ language: 'es' }), late)).toBe('2026-03-04');
      expect(answer(d, 'today', user({ timeZone: 'America/New_York' }), late)).toBe('2026-03-02');
    });
  });
});

describe('interpolation', () => {
  it('replaces variables and user built-ins; unknown or unset become empty', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('m', 'message', {
          text: '{{user.firstName}}|{{user.name}}|{{user.language}}|{{user.timeZone}}|{{ score }}|{{flag}}|{{missing}}|{{nothing}}|{{user.unknown}}',
        }),
        node('end', 'end', {}),
      ],
      [
        ['start', 'm'],
        ['m', 'end'],
      ],
    );
    const d = new Driver(p, user(), NOW, { score: 7.5, flag: true }).start();
    expect(d.texts).toEqual(['Ana|Ana María López|en|Europe/Madrid|7.5|true|||']);
    const anon = new Driver(p, user({ name: null })).start();
    expect(anon.texts[0]!.startsWith('||en|')).toBe(true);
  });

  it('passes media through and skips empty messages', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('m', 'message', {
          text: '',
          media: { kind: 'image', url: 'https://example.com/a.png', caption: 'A' },
        }),
        node('e', 'message', { text: '{{unset}}' }),
        node('end', 'end', {}),
      ],
      [
        ['start', 'm'],
        ['m', 'e'],
        ['e', 'end'],
      ],
    );
    const d = new Driver(p).start();
    expect(d.of('message').map((m) => m.output)).toEqual([
      { nodeId: 'm', text: '', media: { kind: 'image', url: 'https://example.com/a.png', caption: 'A' } },
    ]);
  });
});

describe('conditions', () => {
  type Clause = Record<string, unknown>;
  /** start → set → condition (one branch "yes" with the given clauses) → yes/no ends */
  const branchOf = (
    clauses: Clause[],
    opts: {
      match?: 'all' | 'any';
      variables?: Record<string, string | number | boolean>;
      who?: ReturnType<typeof user>;
      now?: Date;
      enrolled?: Date;
      addTags?: string[];
    } = {},
  ) => {
    const p = program(
      [
        node('start', 'start', {}),
        node('tags', 'set', { addTags: opts.addTags ?? [] }),
        node('c', 'condition', {
          branches: [{ id: 'yes', match: opts.match ?? 'all', clauses: clauses as never }],
        }),
        node('y', 'end', {}),
        node('n', 'end', {}),
      ],
      [
        ['start', 'tags'],
        ['tags', 'c'],
        ['c', 'y', 'branch:yes'],
        ['c', 'n', 'default'],
      ],
    );
    const enrolled = opts.enrolled ?? NOW;
    const d = new Driver(p, opts.who ?? user(), enrolled, opts.variables ?? {}).start(opts.now ?? NOW);
    const step = d.steps('branch')[0]!;
    return step.detail!.branchId as string;
  };
  const v = (op: string, value: unknown, variable = 'x'): Clause => ({
    source: 'variable',
    variable,
    op,
    value,
  });

  it('compares variables: numbers numerically, strings case-insensitively', () => {
    const vars = { x: '7', name: 'Running', n: 3 };
    const check = (c: Clause) => branchOf([c], { variables: vars });
    expect(check(v('eq', 7))).toBe('yes');
    expect(check(v('eq', '7.0'))).toBe('yes');
    expect(check(v('eq', 'running', 'name'))).toBe('yes');
    expect(check(v('neq', 'RUNNING', 'name'))).toBe('default');
    expect(check(v('neq', 8))).toBe('yes');
    expect(check(v('gt', 6))).toBe('yes');
    expect(check(v('gt', 7))).toBe('default');
    expect(check(v('gte', 7))).toBe('yes');
    expect(check(v('lt', 3, 'n'))).toBe('default');
    expect(check(v('lte', 3, 'n'))).toBe('yes');
    expect(check(v('gt', 1, 'name'))).toBe('default'); // not a number
    expect(check(v('contains', 'UNN', 'name'))).toBe('yes');
    expect(check(v('contains', 'swim', 'name'))).toBe('default');
    expect(check(v('in', ['cycling', 'running'], 'name'))).toBe('yes');
    expect(check(v('in', ['cycling'], 'name'))).toBe('default');
    expect(check(v('exists', undefined))).toBe('yes');
    expect(check(v('exists', undefined, 'missing'))).toBe('default');
    expect(check(v('not_exists', undefined, 'missing'))).toBe('yes');
    expect(check(v('eq', 'ana', 'user.firstName'))).toBe('yes');
    expect(check(v('eq', 'en', 'user.language'))).toBe('yes');
  });

  it('compares ISO dates in order', () => {
    expect(branchOf([v('lt', '2026-04-01', 'd')], { variables: { d: '2026-03-15' } })).toBe('yes');
    expect(branchOf([v('gte', '2026-04-01', 'd')], { variables: { d: '2026-03-15' } })).toBe('default');
  });

  it('matches all or any clauses', () => {
    const clauses = [v('eq', 1, 'a'), v('eq', 2, 'b')];
    expect(branchOf(clauses, { variables: { a: 1, b: 3 } })).toBe('default');
    expect(branchOf(clauses, { variables: { a: 1, b: 3 }, match: 'any' })).toBe('yes');
    expect(branchOf(clauses, { variables: { a: 1, b: 2 } })).toBe('yes');
  });

  it('tests tags, including tags added earlier in the same run', () => {
    const tag = (op: string, value: string): Clause => ({ source: 'tag', op, value });
    expect(branchOf([tag('exists', 'vip')], { who: user({ tags: ['VIP'] }) })).toBe('yes');
    expect(branchOf([tag('exists', 'vip')])).toBe('default');
    expect(branchOf([tag('not_exists', 'vip')])).toBe('yes');
    expect(branchOf([tag('eq', 'vip')], { addTags: ['vip'] })).toBe('yes');
    expect(branchOf([tag('not_exists', 'vip')], { addTags: ['vip'] })).toBe('default');
  });

  it('tests the sentiment', () => {
    const s = (op: string, value: string): Clause => ({ source: 'sentiment', op, value });
    expect(branchOf([s('eq', 'negative')], { who: user({ sentiment: 'negative' }) })).toBe('yes');
    expect(branchOf([s('eq', 'negative')], { who: user({ sentiment: 'positive' }) })).toBe('default');
    expect(branchOf([s('neq', 'negative')], { who: user({ sentiment: 'positive' }) })).toBe('yes');
    expect(branchOf([s('eq', 'negative')], { who: user({ sentiment: null }) })).toBe('default');
  });

  it('tests the local weekday and hour in the user’s time zone, and whole days enrolled', () => {
    const t = (field: string, op: string, value: number): Clause => ({ source: 'time', field, op, value });
    // Sunday 2026-03-01 23:30 UTC = Monday 00:30 in Madrid, Sunday 18:30 in New York.
    const now = at('2026-03-01T23:30:00Z');
    expect(branchOf([t('weekday', 'eq', 1)], { now, enrolled: now })).toBe('yes');
    expect(branchOf([t('hour', 'eq', 0)], { now, enrolled: now })).toBe('yes');
    expect(
      branchOf([t('weekday', 'eq', 0)], { now, enrolled: now, who: user({ timeZone: 'America/New_York' }) }),
    ).toBe('yes');
    expect(
      branchOf([t('hour', 'gte', 18)], { now, enrolled: now, who: user({ timeZone: 'America/New_York' }) }),
    ).toBe('yes');
    const enrolled = at('2026-03-01T12:00:00Z');
    expect(branchOf([t('days_enrolled', 'eq', 0)], { enrolled, now: at('2026-03-02T11:59:00Z') })).toBe(
      'yes',
    );
    expect(branchOf([t('days_enrolled', 'eq', 1)], { enrolled, now: at('2026-03-02T12:00:00Z') })).toBe(
      'yes',
    );
    expect(branchOf([t('days_enrolled', 'gte', 7)], { enrolled, now: at('2026-03-09T12:00:00Z') })).toBe(
      'yes',
    );
  });

  it('takes the first matching branch in order', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('c', 'condition', {
          branches: [
            { id: 'low', clauses: [{ source: 'variable', variable: 's', op: 'lte', value: 4 }] },
            { id: 'mid', clauses: [{ source: 'variable', variable: 's', op: 'lte', value: 7 }] },
          ],
        }),
        node('l', 'end', {}),
        node('m', 'end', {}),
        node('h', 'end', {}),
      ],
      [
        ['start', 'c'],
        ['c', 'l', 'branch:low'],
        ['c', 'm', 'branch:mid'],
        ['c', 'h', 'default'],
      ],
    );
    const end = (s: number) => new Driver(p, user(), NOW, { s }).start().entered.at(-1);
    expect([end(2), end(4), end(5), end(7), end(9)]).toEqual(['l', 'l', 'm', 'm', 'h']);
  });
});

describe('waits', () => {
  const waitProgram = (data: Record<string, unknown>) =>
    program(
      [
        node('start', 'start', {}),
        node('w', 'wait', data as never),
        node('after', 'question', { prompt: 'Back!', answerType: 'text', variable: 't' }),
        node('end', 'end', {}),
      ],
      [
        ['start', 'w'],
        ['w', 'after'],
        ['after', 'end'],
      ],
    );
  const resumeAt = (data: Record<string, unknown>, now: Date, timeZone = 'Europe/Madrid') =>
    new Driver(waitProgram(data), user({ timeZone })).start(now).state.resumeAt;

  it('waits a duration: minutes and hours exactly, days and weeks in calendar days', () => {
    expect(resumeAt({ mode: 'duration', amount: 90, unit: 'minutes' }, NOW)).toBe('2026-03-02T10:30:00.000Z');
    expect(resumeAt({ mode: 'duration', amount: 2, unit: 'hours' }, NOW)).toBe('2026-03-02T11:00:00.000Z');
    expect(resumeAt({ mode: 'duration', amount: 3, unit: 'days' }, NOW)).toBe('2026-03-05T09:00:00.000Z');
    expect(resumeAt({ mode: 'duration', amount: 1, unit: 'weeks' }, NOW)).toBe('2026-03-09T09:00:00.000Z');
    // 20:00 in Madrid the day before the spring change (UTC+1) → 20:00 the day after (UTC+2).
    expect(resumeAt({ mode: 'duration', amount: 1, unit: 'days' }, at('2026-03-28T19:00:00Z'))).toBe(
      '2026-03-29T18:00:00.000Z',
    );
    expect(resumeAt({ mode: 'duration', amount: 24, unit: 'hours' }, at('2026-03-28T19:00:00Z'))).toBe(
      '2026-03-29T19:00:00.000Z',
    );
  });

  it('emits schedule and waiting, and sets the state to waiting', () => {
    const d = new Driver(waitProgram({ mode: 'duration', amount: 1, unit: 'days' })).start();
    expect(d.state).toMatchObject({
      status: 'waiting',
      currentNodeId: 'w',
      resumeAt: '2026-03-03T09:00:00.000Z',
    });
    expect(d.of('schedule')).toEqual([
      { type: 'schedule', resumeAt: '2026-03-03T09:00:00.000Z', nodeId: 'w' },
    ]);
    expect(d.steps('waiting')[0]!.detail).toEqual({ resumeAt: '2026-03-03T09:00:00.000Z' });
  });

  it('waits until the next local time, across the October DST change in Madrid', () => {
    const until = { mode: 'until', time: '20:00' };
    // 02:30 CEST on the day of the switch (25 Oct 2026, 03:00 CEST → 02:00 CET): 20:00 CET = 19:00 UTC.
    expect(resumeAt(until, at('2026-10-25T00:30:00Z'))).toBe('2026-10-25T19:00:00.000Z');
    // 21:30 CEST the evening before: the next 20:00 is after the switch.
    expect(resumeAt(until, at('2026-10-24T19:30:00Z'))).toBe('2026-10-25T19:00:00.000Z');
    // 19:00 CEST the day before: still today, in summer time.
    expect(resumeAt(until, at('2026-10-24T17:00:00Z'))).toBe('2026-10-24T18:00:00.000Z');
    // Exactly 20:00 local: strictly after now, so tomorrow.
    expect(resumeAt(until, at('2026-10-24T18:00:00Z'))).toBe('2026-10-25T19:00:00.000Z');
    // The repeated hour (02:30 happens twice): the first one, in CEST.
    expect(resumeAt({ mode: 'until', time: '02:30' }, at('2026-10-24T22:00:00Z'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // The skipped hour in spring (02:30 does not exist on 29 Mar 2026): pushed to 03:30 CEST.
    expect(resumeAt({ mode: 'until', time: '02:30' }, at('2026-03-28T22:00:00Z'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(resumeAt(until, NOW, 'UTC')).toBe('2026-03-02T20:00:00.000Z');
  });

  it('waits until a weekday and time', () => {
    // NOW is Monday 10:00 Madrid. Monday 07:00 → next Monday; Monday 12:00 → today; Sunday 18:00 → in 6 days.
    expect(resumeAt({ mode: 'until', time: '07:00', weekday: 1 }, NOW)).toBe('2026-03-09T06:00:00.000Z');
    expect(resumeAt({ mode: 'until', time: '12:00', weekday: 1 }, NOW)).toBe('2026-03-02T11:00:00.000Z');
    expect(resumeAt({ mode: 'until', time: '18:00', weekday: 0 }, NOW)).toBe('2026-03-08T17:00:00.000Z');
    // Thursday 19:00 in the week of the spring change, from Madrid (CET → CEST on Sunday 29 March).
    expect(resumeAt({ mode: 'until', time: '19:00', weekday: 4 }, at('2026-03-27T12:00:00Z'))).toBe(
      '2026-04-02T17:00:00.000Z',
    );
  });

  it('resumes only when due; a reply while waiting is not applied', () => {
    const d = new Driver(waitProgram({ mode: 'duration', amount: 1, unit: 'days' })).start();
    const waiting = d.state;
    d.resume(at('2026-03-03T08:59:59Z'));
    expect(d.applied).toBe(false);
    expect(d.effects).toEqual([]);
    expect(d.state).toBe(waiting);
    d.reply('hello?', at('2026-03-02T12:00:00Z'));
    expect(d.applied).toBe(false);
    expect(d.state).toBe(waiting);
    d.resume(at('2026-03-03T09:00:00Z'));
    expect(d.applied).toBe(true);
    expect(d.steps().map((s) => `${s.nodeId}:${s.kind}`)).toEqual(['w:resumed', 'after:entered']);
    expect(d.state).toMatchObject({ status: 'active', currentNodeId: 'after', resumeAt: null });
    expect(d.texts).toEqual(['Back!']);
    d.resume(at('2026-03-04T09:00:00Z'));
    expect(d.applied).toBe(false); // not waiting any more
  });
});

describe('set, habit, milestone, webhook, handoff', () => {
  it('sets and increments variables and changes tags', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('s', 'set', {
          assignments: [
            { variable: 'greeting', value: 'Hi {{user.firstName}}, goal {{goal}}' },
            { variable: 'copy', value: '{{score}}' },
            { variable: 'count', op: 'increment', value: 2 },
            { variable: 'score', op: 'increment', value: 1 },
            { variable: 'done', value: true },
          ],
          addTags: ['started', 'week-{{week}}'],
          removeTags: ['lead'],
        }),
        node('c', 'condition', {
          branches: [{ id: 'tagged', clauses: [{ source: 'tag', op: 'exists', value: 'week-1' }] }],
        }),
        node('y', 'end', {}),
        node('n', 'end', {}),
      ],
      [
        ['start', 's'],
        ['s', 'c'],
        ['c', 'y', 'branch:tagged'],
        ['c', 'n', 'default'],
      ],
    );
    const d = new Driver(p, user({ tags: ['lead'] }), NOW, { goal: 'run', score: 4, week: 1 }).start();
    expect(d.state.variables).toEqual({
      goal: 'run',
      week: 1,
      greeting: 'Hi Ana, goal run',
      copy: 4,
      count: 2,
      score: 5,
      done: true,
    });
    expect(d.of('tags')).toEqual([{ type: 'tags', add: ['started', 'week-1'], remove: ['lead'] }]);
    expect(d.entered.at(-1)).toBe('y');
  });

  it('emits no tags effect when no tags change', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('s', 'set', { assignments: [{ variable: 'a', value: 1 }] }),
        node('end', 'end', {}),
      ],
      [
        ['start', 's'],
        ['s', 'end'],
      ],
    );
    expect(new Driver(p).start().of('tags')).toEqual([]);
  });

  it('emits habit, milestone, custom events, webhooks and handoffs', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('h', 'habit', { name: 'Walk', frequency: 'daily', reminderTime: '08:00', message: 'Habit set' }),
        node('m', 'milestone', {
          name: 'Week 1',
          points: 50,
          badge: 'w1',
          message: 'Well done {{user.firstName}}',
        }),
        node('w', 'webhook', { event: 'week_one', url: 'https://example.com/hook' }),
        node('x', 'webhook', { event: 'no_url' }),
        node('o', 'handoff', { reason: 'Needs a human', message: 'Passing you to your coach' }),
        node('end', 'end', { message: 'Bye' }),
      ],
      [
        ['start', 'h'],
        ['h', 'm'],
        ['m', 'w'],
        ['w', 'x'],
        ['x', 'o'],
        ['o', 'end'],
      ],
    );
    const d = new Driver(p, user(), NOW, { a: 1 }).start();
    expect(d.events().map((e) => [e.name, e.nodeId, e.data])).toEqual([
      ['habit.assigned', 'h', { name: 'Walk', frequency: 'daily', target: 1, reminderTime: '08:00' }],
      ['milestone.reached', 'm', { name: 'Week 1', points: 50, badge: 'w1' }],
      ['week_one', 'w', { variables: { a: 1 } }],
      ['no_url', 'x', { variables: { a: 1 } }],
      ['program.completed', 'end', { outcome: 'completed' }],
    ]);
    expect(d.of('webhook')).toEqual([
      {
        type: 'webhook',
        url: 'https://example.com/hook',
        event: 'week_one',
        nodeId: 'w',
        data: { variables: { a: 1 } },
      },
    ]);
    expect(d.of('handoff')).toEqual([{ type: 'handoff', nodeId: 'o', reason: 'Needs a human' }]);
    expect(d.texts).toEqual(['Habit set', 'Well done Ana', 'Passing you to your coach', 'Bye']);
  });
});

describe('end states and guards', () => {
  it('completes at an end node, then ignores every input', () => {
    const d = new Driver(choiceProgram()).start().reply('1');
    expect(d.state).toMatchObject({ status: 'completed', currentNodeId: null, resumeAt: null });
    expect(d.steps('completed')).toHaveLength(1);
    expect(d.events('program.completed')).toHaveLength(1);
    const done = d.state;
    for (const input of [{ kind: 'start' }, { kind: 'reply', text: '1' }, { kind: 'resume' }] as const) {
      d.send(input, at('2027-01-01T00:00:00Z'));
      expect(d.applied).toBe(false);
      expect(d.state).toBe(done);
    }
  });

  it('exits at an end node with outcome exited', () => {
    const p = program(
      [node('start', 'start', {}), node('out', 'end', { outcome: 'exited', message: 'See you' })],
      [['start', 'out']],
    );
    const d = new Driver(p).start();
    expect(d.state).toMatchObject({ status: 'exited', currentNodeId: null });
    expect(d.steps('exited')[0]!.detail).toEqual({ reason: 'end' });
    expect(d.events('program.exited')).toHaveLength(1);
    expect(d.texts).toEqual(['See you']);
  });

  it('stops a loop that never pauses after 1,000 nodes', () => {
    const p = program(
      [
        node('start', 'start', {}),
        node('s', 'set', { assignments: [{ variable: 'n', op: 'increment', value: 1 }] }),
        node('c', 'condition', { branches: [] }),
        node('end', 'end', {}),
      ],
      [
        ['start', 's'],
        ['s', 'c'],
        ['c', 's', 'default'],
      ],
    );
    const d = new Driver(p).start();
    expect(d.entered).toHaveLength(MAX_NODE_VISITS);
    expect(d.state.status).toBe('exited');
    expect(d.steps('exited')[0]!.detail).toEqual({ reason: 'step_limit' });
    expect(d.events('program.exited')[0]!.data).toMatchObject({ reason: 'step_limit' });
  });

  it('exits when an edge is missing', () => {
    const p = program([node('start', 'start', {}), node('m', 'message', { text: 'Hi' })], [['start', 'm']]);
    const d = new Driver(p).start();
    expect(d.state).toMatchObject({ status: 'exited', currentNodeId: null });
    expect(d.steps('exited')[0]!.detail).toEqual({ reason: 'missing_edge', nodeId: 'm', handle: 'next' });
  });

  it('does not apply a reply at a node that does not take one', () => {
    const p = choiceProgram();
    const state = { ...initialState(NOW), currentNodeId: 'hello' };
    expect(runStep(p, state, { kind: 'reply', text: 'hi' }, { user: user(), now: NOW }).applied).toBe(false);
    const gone = { ...initialState(NOW), currentNodeId: 'deleted-node' };
    expect(runStep(p, gone, { kind: 'reply', text: 'hi' }, { user: user(), now: NOW }).applied).toBe(false);
  });

  it('does not mutate the input state', () => {
    const p = choiceProgram();
    const d = new Driver(p).start();
    const before = structuredClone(d.state);
    const frozen = d.state;
    runStep(p, frozen, { kind: 'reply', text: '2' }, { user: user(), now: NOW });
    expect(frozen).toEqual(before);
  });
});

describe('ai steps', () => {
  const aiProgram = (exit: { maxTurns: number; keywords?: string[] }) =>
    program(
      [
        node('start', 'start', {}),
        node('ai', 'ai', {
          goal: 'Help {{user.firstName}} name one obstacle',
          opening: 'What is in your way?',
          exit,
          variable: 'obstacle',
        }),
        node('end', 'end', { message: 'Thanks!' }),
      ],
      [
        ['start', 'ai'],
        ['ai', 'end'],
      ],
    );

  it('opens, then hands each turn to the AI coach', () => {
    const d = new Driver(aiProgram({ maxTurns: 3, keywords: ['done'] })).start();
    expect(d.texts).toEqual(['What is in your way?']);
    expect(d.state).toMatchObject({ currentNodeId: 'ai', status: 'active', aiTurns: 0 });
    d.reply('Work is busy');
    expect(d.of('ai_turn')).toEqual([
      {
        type: 'ai_turn',
        nodeId: 'ai',
        goal: 'Help Ana name one obstacle',
        knowledge: { folderIds: [], tags: [] },
        text: 'Work is busy',
      },
    ]);
    expect(d.steps('ai_turn')).toHaveLength(1);
    expect(d.state.aiTurns).toBe(1);
    expect(d.texts).toEqual([]);
  });

  it('exits on a keyword (whole words, case/accent-insensitive)', () => {
    const d = new Driver(aiProgram({ maxTurns: 5, keywords: ['done', 'ya está'] })).start();
    d.reply('I abandoned it'); // "done" is not a word here
    expect(d.of('ai_turn')).toHaveLength(1);
    d.reply('OK, YA ESTA!');
    expect(d.steps('ai_exit')[0]!.detail).toEqual({ turns: 2, reason: 'keyword', keyword: 'ya está' });
    expect(d.of('ai_turn')).toEqual([]);
    expect(d.state).toMatchObject({ status: 'completed', variables: { obstacle: 'OK, YA ESTA!' } });
    expect(d.texts).toEqual(['Thanks!']);
    expect(d.events('program.step_completed')).toHaveLength(1);
  });

  it('exits after maxTurns', () => {
    const d = new Driver(aiProgram({ maxTurns: 2 })).start();
    d.reply('one');
    expect(d.state.status).toBe('active');
    d.reply('two');
    expect(d.steps('ai_exit')[0]!.detail).toEqual({ turns: 2, reason: 'max_turns' });
    expect(d.state).toMatchObject({ status: 'completed', variables: { obstacle: 'two' } });
  });

  it('matches multi-word keywords as adjacent words', () => {
    expect(matchKeyword("That's all for today", ["that's all"])).toBe("that's all");
    expect(matchKeyword('all that is fine', ["that's all"])).toBeNull();
    expect(matchKeyword('¡Listo!', ['listo'])).toBe('listo');
    expect(matchKeyword('listos', ['listo'])).toBeNull();
  });
});
