import { describe, expect, it } from 'vitest';
import { validateProgram } from './program-validation.ts';
import {
  type ConditionBranch,
  type ConditionClause,
  type ProgramDefinition,
  ProgramDefinitionSchema,
  type ProgramEdge,
  type ProgramIssue,
  type ProgramNode,
  type ProgramNodeOf,
  ProgramValidationSchema,
  type QuestionNodeData,
} from './programs.ts';

// --- builder ------------------------------------------------------------------------------

const P = { x: 0, y: 0 };
type Data<T extends ProgramNode['type']> = ProgramNodeOf<T>['data'];

const start = (id = 'start'): ProgramNode => ({ id, type: 'start', position: P, data: {} });
const end = (id = 'end', message?: string): ProgramNode => ({
  id,
  type: 'end',
  position: P,
  data: { outcome: 'completed', ...(message ? { message } : {}) },
});
const message = (id: string, text = 'Hello!', extra: Partial<Data<'message'>> = {}): ProgramNode => ({
  id,
  type: 'message',
  position: P,
  data: { text, ...extra },
});
const question = (id: string, data: Partial<QuestionNodeData> = {}): ProgramNode => ({
  id,
  type: 'question',
  position: P,
  data: { prompt: 'How are you?', answerType: 'text', variable: id, ...data },
});
/** Choices c1, c2, ... labelled as given. */
const choice = (id: string, labels: string[], data: Partial<QuestionNodeData> = {}): ProgramNode =>
  question(id, {
    answerType: 'choice',
    choices: labels.map((label, i) => ({ id: `c${i + 1}`, label })),
    ...data,
  });
const clause = (
  variable: string,
  op: ConditionClause['op'],
  value?: ConditionClause['value'],
): ConditionClause => ({
  source: 'variable',
  variable,
  op,
  ...(value === undefined ? {} : { value }),
});
const branch = (id: string, ...clauses: ConditionClause[]): ConditionBranch => ({
  id,
  match: 'all',
  clauses,
});
const condition = (id: string, branches: ConditionBranch[]): ProgramNode => ({
  id,
  type: 'condition',
  position: P,
  data: { branches },
});
const ai = (id: string, data: Partial<Data<'ai'>> = {}): ProgramNode => ({
  id,
  type: 'ai',
  position: P,
  data: { goal: 'Help the client name one obstacle', exit: { maxTurns: 3 }, ...data },
});
const wait = (
  id: string,
  data: Partial<Data<'wait'>> = { mode: 'duration', amount: 1, unit: 'days' },
): ProgramNode => ({
  id,
  type: 'wait',
  position: P,
  data: { mode: 'duration', ...data },
});
const set = (id: string, assignments: Data<'set'>['assignments']): ProgramNode => ({
  id,
  type: 'set',
  position: P,
  data: { assignments, addTags: [], removeTags: [] },
});
const habit = (id: string, data: Partial<Data<'habit'>> = {}): ProgramNode => ({
  id,
  type: 'habit',
  position: P,
  data: { name: 'Walk 10 minutes', frequency: 'daily', target: 1, ...data },
});
const milestone = (id: string, data: Partial<Data<'milestone'>> = {}): ProgramNode => ({
  id,
  type: 'milestone',
  position: P,
  data: { name: 'Week 1', points: 10, ...data },
});
const webhook = (id: string, data: Partial<Data<'webhook'>> = {}): ProgramNode => ({
  id,
  type: 'webhook',
  position: P,
  data: { event: 'week_1_done', ...data },
});
const handoff = (id: string, data: Partial<Data<'handoff'>> = {}): ProgramNode => ({
  id,
  type: 'handoff',
  position: P,
  data: { reason: 'Needs a human', ...data },
});

const edge = (source: string, target: string, sourceHandle?: string, id?: string): ProgramEdge => ({
  id: id ?? `${source}-${sourceHandle?.replace(':', '_') ?? 'next'}-${target}`,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});
/** `next` edges between consecutive ids. */
const chain = (...ids: string[]): ProgramEdge[] => ids.slice(1).map((id, i) => edge(ids[i]!, id));

const program = (
  nodes: ProgramNode[],
  edges: ProgramEdge[],
  extra: Partial<ProgramDefinition> = {},
): ProgramDefinition => ({
  schemaVersion: 1,
  nodes,
  edges,
  variables: [],
  channels: ['web', 'whatsapp', 'mobile'],
  ...extra,
});
/** start → the given nodes → end, linked by `next`. */
const line = (...middle: ProgramNode[]): ProgramDefinition =>
  program([start(), ...middle, end()], chain('start', ...middle.map((node) => node.id), 'end'));

const issues = (definition: ProgramDefinition) => validateProgram(definition).issues;
const ofCode = (definition: ProgramDefinition, code: ProgramIssue['code']) =>
  issues(definition).filter((issue) => issue.code === code);
/** The issues without their messages, for exact comparisons. */
const brief = (definition: ProgramDefinition) =>
  issues(definition).map(({ message: _message, ...rest }) => rest);

/** A realistic program using every step type; valid. */
function sample(): ProgramDefinition {
  return program(
    [
      start(),
      message('welcome', 'Hi {{user.firstName}}, welcome to {{program_name}}!'),
      question('goal_q', {
        prompt: 'What is your goal?',
        variable: 'goal',
        pattern: '^.{3,}$',
        retryMessage: 'A few more words, please.',
      }),
      handoff('stuck', { message: 'A coach will take it from here.' }),
      choice('mood_q', ['Great', 'Okay', 'Bad'], {
        prompt: 'How do you feel about {{goal}}?',
        variable: 'mood',
      }),
      condition('mood_c', [
        branch('great', clause('mood', 'eq', 'Great')),
        branch('low', clause('mood', 'in', ['Okay', 'Bad'])),
      ]),
      message('cheer', 'Love it. Keep {{goal}} in mind.'),
      ai('coach', { opening: 'What stands in the way of {{goal}}?', variable: 'obstacle' }),
      set('note', [{ variable: 'note', op: 'set', value: '{{goal}} ({{mood}})' }]),
      habit('walk', { message: 'Daily: walk for {{goal}}.' }),
      wait('day'),
      choice('checkin', ['Done', 'Not yet'], { variable: 'done' }),
      milestone('week1', { message: 'Week 1 done, {{user.name}}!' }),
      webhook('hook'),
      end('end', 'Well done, {{user.firstName}}.'),
    ],
    [
      ...chain('start', 'welcome', 'goal_q', 'mood_q', 'mood_c'),
      edge('goal_q', 'stuck', 'invalid'),
      edge('stuck', 'end'),
      edge('mood_c', 'cheer', 'branch:great'),
      edge('mood_c', 'coach', 'branch:low'),
      edge('cheer', 'note'),
      edge('coach', 'note'),
      ...chain('note', 'walk', 'day', 'checkin', 'week1', 'hook', 'end'),
      edge('checkin', 'day', 'choice:c2'),
    ],
    { variables: [{ name: 'program_name', type: 'text', default: 'Reset' }] },
  );
}

// --- tests --------------------------------------------------------------------------------

describe('the sample program', () => {
  it('is schema-valid and has no issues', () => {
    const definition = sample();
    expect(ProgramDefinitionSchema.parse(definition)).toEqual(definition);
    const result = validateProgram(definition);
    expect(result).toEqual({ valid: true, issues: [] });
    expect(ProgramValidationSchema.parse(result)).toEqual(result);
  });
});

describe('1. start and ids', () => {
  it('accepts one start and unique ids', () => {
    for (const code of ['no_start', 'multiple_starts', 'duplicate_id'] as const)
      expect(ofCode(sample(), code)).toEqual([]);
  });

  it('reports a program without a start', () => {
    expect(brief(program([message('m'), end()], chain('m', 'end')))).toEqual([
      { code: 'no_start', severity: 'error' },
    ]);
  });

  it('reports every start after the first', () => {
    const definition = line(message('m'));
    definition.nodes.push(start('start2'));
    definition.edges.push(edge('start2', 'm'));
    expect(brief(definition)).toEqual([{ code: 'multiple_starts', severity: 'error', nodeId: 'start2' }]);
  });

  it('reports duplicate node ids (the first one counts)', () => {
    const definition = line(message('m'));
    definition.nodes.push(message('m', 'Again'));
    expect(brief(definition)).toEqual([
      { code: 'duplicate_id', severity: 'error', nodeId: 'm', field: 'id' },
    ]);
  });

  it('reports duplicate edge ids', () => {
    const definition = program(
      [start(), question('q'), end()],
      [edge('start', 'q'), edge('q', 'end', undefined, 'same'), edge('q', 'end', 'invalid', 'same')],
    );
    expect(brief(definition)).toEqual([
      { code: 'duplicate_id', severity: 'error', edgeId: 'same', field: 'id' },
    ]);
  });
});

describe('2. edges and handles', () => {
  it('accepts valid handles', () => {
    for (const code of [
      'dangling_edge',
      'unknown_handle',
      'duplicate_handle',
      'end_has_outgoing_edge',
    ] as const)
      expect(ofCode(sample(), code)).toEqual([]);
  });

  it('reports an edge to a missing step', () => {
    const definition = line(message('m'));
    definition.edges.push(edge('m', 'ghost', undefined, 'e-ghost'));
    expect(brief(definition)).toEqual([
      { code: 'dangling_edge', severity: 'error', edgeId: 'e-ghost', field: 'target' },
    ]);
  });

  it('reports an edge from a missing step', () => {
    const definition = line(message('m'));
    definition.edges.push(edge('ghost', 'm', undefined, 'e-ghost'));
    expect(brief(definition)).toEqual([
      { code: 'dangling_edge', severity: 'error', edgeId: 'e-ghost', field: 'source' },
    ]);
  });

  it.each([
    ['a choice that does not exist', choice('x', ['Yes', 'No']), 'choice:c9', 'no choice "c9"'],
    ['a choice handle on a text question', question('x'), 'choice:c1', 'Only choice questions'],
    [
      'a branch that does not exist',
      condition('x', [branch('b1', clause('user.language', 'eq', 'es'))]),
      'branch:b9',
      'no branch "b9"',
    ],
    [
      '"next" on a condition',
      condition('x', [branch('b1', clause('user.language', 'eq', 'es'))]),
      'next',
      'branch:<id>',
    ],
    ['"invalid" on a message', message('x'), 'invalid', 'Only question steps'],
    ['"default" on a message', message('x'), 'default', 'Only condition steps'],
    ['a made-up handle', message('x'), 'sideways', '"sideways"'],
  ])('reports %s', (_name, node, handle, text) => {
    // The node keeps its valid exits; the extra edge goes to the end.
    const exits: ProgramEdge[] =
      node.type === 'condition'
        ? [edge('x', 'end', 'branch:b1'), edge('x', 'end', 'default')]
        : [edge('x', 'end')];
    const definition = program(
      [start(), node, end()],
      [edge('start', 'x'), ...exits, edge('x', 'end', handle, 'bad')],
    );
    const found = issues(definition);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      code: 'unknown_handle',
      edgeId: 'bad',
      nodeId: 'x',
      field: 'sourceHandle',
    });
    expect(found[0]!.message).toContain(text);
  });

  it('reports a second edge on the same handle (a missing handle means next)', () => {
    const definition = line(message('m'));
    definition.edges.push({ id: 'again', source: 'm', target: 'end', sourceHandle: 'next' });
    expect(brief(definition)).toEqual([
      { code: 'duplicate_handle', severity: 'error', edgeId: 'again', nodeId: 'm', field: 'sourceHandle' },
    ]);
  });

  it('reports an edge leaving an end step', () => {
    const definition = program(
      [start(), question('q'), end('end'), end('end2')],
      [
        edge('start', 'q'),
        edge('q', 'end'),
        edge('q', 'end2', 'invalid'),
        edge('end2', 'end', undefined, 'out'),
      ],
    );
    expect(brief(definition)).toEqual([
      { code: 'end_has_outgoing_edge', severity: 'error', edgeId: 'out', nodeId: 'end2' },
    ]);
  });

  it('reports an edge into the start step as unknown_handle on the start', () => {
    const definition = program(
      [start(), question('q'), end()],
      [edge('start', 'q'), edge('q', 'end'), edge('q', 'start', 'invalid', 'back')],
    );
    expect(brief(definition)).toEqual([
      { code: 'unknown_handle', severity: 'error', edgeId: 'back', nodeId: 'start', field: 'target' },
    ]);
  });
});

describe('3. missing edges', () => {
  it('accepts a choice question whose every choice has an edge (no next)', () => {
    const definition = program(
      [start(), choice('q', ['Yes', 'No']), end('a'), end('b')],
      [edge('start', 'q'), edge('q', 'a', 'choice:c1'), edge('q', 'b', 'choice:c2')],
    );
    expect(issues(definition)).toEqual([]);
  });

  it('reports a step without its next edge', () => {
    const definition = program(
      [start(), question('q'), message('m'), end()],
      [edge('start', 'q'), edge('q', 'end'), edge('q', 'm', 'invalid')],
    );
    expect(brief(definition)).toEqual([
      { code: 'missing_edge', severity: 'error', nodeId: 'm', field: 'next' },
    ]);
  });

  it('reports a question with only an invalid exit', () => {
    const definition = program(
      [start(), question('q'), end()],
      [edge('start', 'q'), edge('q', 'end', 'invalid')],
    );
    expect(brief(definition)).toEqual([
      { code: 'missing_edge', severity: 'error', nodeId: 'q', field: 'next' },
    ]);
  });

  it('reports a choice without an edge when next is not connected', () => {
    const definition = program(
      [start(), choice('q', ['Yes', 'No', 'Maybe']), end('a'), end('b')],
      [edge('start', 'q'), edge('q', 'a', 'choice:c1'), edge('q', 'b', 'choice:c2')],
    );
    const found = issues(definition);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'missing_edge', nodeId: 'q', field: 'next' });
    expect(found[0]!.message).toContain('"Maybe"');
  });

  it('reports a condition branch without an edge', () => {
    const definition = program(
      [
        start(),
        condition('c', [
          branch('es', clause('user.language', 'eq', 'es')),
          branch('en', clause('user.language', 'eq', 'en')),
        ]),
        end(),
      ],
      [edge('start', 'c'), edge('c', 'end', 'branch:es'), edge('c', 'end', 'default')],
    );
    expect(brief(definition)).toEqual([
      { code: 'missing_edge', severity: 'error', nodeId: 'c', field: 'data.branches[1]' },
    ]);
  });
});

describe('4. reachability', () => {
  it('accepts a program where every step is reachable and can finish', () => {
    expect(ofCode(sample(), 'unreachable_node')).toEqual([]);
    expect(ofCode(sample(), 'no_path_to_end')).toEqual([]);
  });

  it('reports steps the start never reaches', () => {
    const definition = line(message('m'));
    definition.nodes.push(message('orphan'));
    definition.edges.push(edge('orphan', 'end'));
    expect(brief(definition)).toEqual([{ code: 'unreachable_node', severity: 'error', nodeId: 'orphan' }]);
  });

  it('reports reachable steps that can never reach an end', () => {
    // "No" enters a wait loop with no way out.
    const definition = program(
      [start(), choice('q', ['Yes', 'No']), wait('w'), message('m'), end()],
      [
        edge('start', 'q'),
        edge('q', 'end', 'choice:c1'),
        edge('q', 'w', 'choice:c2'),
        ...chain('w', 'm', 'w'),
      ],
    );
    expect(brief(definition)).toEqual([
      { code: 'no_path_to_end', severity: 'error', nodeId: 'w' },
      { code: 'no_path_to_end', severity: 'error', nodeId: 'm' },
    ]);
  });
});

describe('5. loops without a pause', () => {
  it.each([
    ['a wait', wait('pause')],
    ['a question', question('pause')],
    ['an ai step', ai('pause')],
  ])('accepts a loop through %s', (_name, pause) => {
    const definition = program(
      [
        start(),
        message('m'),
        pause,
        condition('c', [branch('again', clause('user.language', 'eq', 'es'))]),
        end(),
      ],
      [...chain('start', 'm', 'pause', 'c'), edge('c', 'm', 'branch:again'), edge('c', 'end', 'default')],
    );
    expect(issues(definition)).toEqual([]);
  });

  it('reports a loop of steps that never wait', () => {
    const definition = program(
      [
        start(),
        message('m1'),
        set('count', [{ variable: 'count', op: 'increment', value: 1 }]),
        condition('c', [branch('done', clause('count', 'gt', 3))]),
        end(),
      ],
      [...chain('start', 'm1', 'count', 'c'), edge('c', 'end', 'branch:done'), edge('c', 'm1', 'default')],
    );
    const found = issues(definition);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'cycle_without_pause', nodeId: 'm1' });
    expect(found[0]!.message).toContain('"m1", "count", "c"');
  });

  it('reports a step looping to itself', () => {
    const definition = program(
      [start(), condition('c', [branch('es', clause('user.language', 'eq', 'es'))]), end()],
      [edge('start', 'c'), edge('c', 'end', 'branch:es'), edge('c', 'c', 'default')],
    );
    expect(brief(definition)).toEqual([{ code: 'cycle_without_pause', severity: 'error', nodeId: 'c' }]);
  });

  it('handles a 10,000-step loop without recursion', () => {
    const size = 10_000;
    const ids = Array.from({ length: size }, (_, i) => `m${i}`);
    const definition = program(
      [
        start(),
        ...ids.map((id) => message(id)),
        condition('c', [branch('out', clause('user.language', 'eq', 'es'))]),
        end(),
      ],
      [...chain('start', ...ids, 'c'), edge('c', 'end', 'branch:out'), edge('c', 'm0', 'default')],
    );
    const found = issues(definition);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'cycle_without_pause', nodeId: 'm0' });
    expect(found[0]!.message).toContain(`and ${size + 1 - 5} more`);
  });
});

describe('6. exhaustive conditions', () => {
  const mood = (branches: ConditionBranch[], questionData: Partial<QuestionNodeData> = {}) =>
    program(
      [
        start(),
        choice('q', ['Great', 'Okay', 'Bad'], { variable: 'mood', ...questionData }),
        condition('c', branches),
        end(),
      ],
      [edge('start', 'q'), edge('q', 'c'), ...branches.map((b) => edge('c', 'end', `branch:${b.id}`))],
    );

  it('accepts branches covering every choice value without a default', () => {
    expect(
      issues(
        mood([
          branch('a', clause('mood', 'eq', 'Great')),
          branch('b', clause('mood', 'in', ['Okay', 'Bad'])),
        ]),
      ),
    ).toEqual([]);
  });

  it('uses the choice value rather than the label, and "any" branches', () => {
    const definition = mood(
      [
        { id: 'up', match: 'any', clauses: [clause('mood', 'eq', 'great'), clause('mood', 'eq', 'ok')] },
        branch('down', clause('mood', 'eq', 'bad')),
      ],
      {
        choices: [
          { id: 'c1', label: 'Great', value: 'great' },
          { id: 'c2', label: 'Okay', value: 'ok' },
          { id: 'c3', label: 'Bad', value: 'bad' },
        ],
      },
    );
    expect(issues(definition)).toEqual([]);
  });

  it('accepts non-exhaustive branches with a default edge', () => {
    const definition = mood([branch('a', clause('mood', 'eq', 'Great'))]);
    definition.edges.push(edge('c', 'end', 'default'));
    expect(issues(definition)).toEqual([]);
  });

  it('reports branches that miss a choice value', () => {
    const found = issues(
      mood([branch('a', clause('mood', 'eq', 'Great')), branch('b', clause('mood', 'eq', 'Okay'))]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'condition_not_exhaustive', nodeId: 'c', field: 'default' });
    expect(found[0]!.message).toContain('"Bad"');
  });

  it('reports branches on a variable that is not only set by choices', () => {
    const definition = mood([
      branch('a', clause('mood', 'eq', 'Great')),
      branch('b', clause('mood', 'in', ['Okay', 'Bad'])),
    ]);
    definition.nodes.splice(2, 0, set('s', [{ variable: 'mood', op: 'set', value: 'Fine' }]));
    definition.edges = [
      edge('start', 'q'),
      edge('q', 's'),
      edge('s', 'c'),
      edge('c', 'end', 'branch:a'),
      edge('c', 'end', 'branch:b'),
    ];
    expect(brief(definition)).toEqual([
      { code: 'condition_not_exhaustive', severity: 'error', nodeId: 'c', field: 'default' },
    ]);
  });

  it('reports a condition without branches or default', () => {
    const definition = program([start(), condition('c', []), end()], [edge('start', 'c')]);
    // The end is unreachable too, as nothing leads to it.
    expect(ofCode(definition, 'condition_not_exhaustive')).toMatchObject([{ nodeId: 'c', field: 'default' }]);
  });
});

describe('7. fields', () => {
  it('accepts complete steps (media without text too)', () => {
    expect(ofCode(sample(), 'missing_field')).toEqual([]);
    expect(ofCode(sample(), 'invalid_field')).toEqual([]);
    const media = message('m', '', { media: { kind: 'image', url: 'https://example.com/a.png' } });
    expect(issues(line(media))).toEqual([]);
  });

  const cases: [string, ProgramNode, ProgramIssue['code'], string][] = [
    ['a message without text or media', message('x', '  '), 'missing_field', 'data.text'],
    ['a question without a prompt', question('x', { prompt: '' }), 'missing_field', 'data.prompt'],
    ['a choice question with one choice', choice('x', ['Only']), 'missing_field', 'data.choices'],
    [
      'duplicate choice ids',
      question('x', {
        answerType: 'choice',
        choices: [
          { id: 'a', label: 'Yes' },
          { id: 'a', label: 'No' },
        ],
      }),
      'duplicate_id',
      'data.choices[1].id',
    ],
    ['duplicate choice labels', choice('x', ['Yes', 'no', ' No']), 'invalid_field', 'data.choices[2].label'],
    [
      'a number range upside down',
      question('x', { answerType: 'number', min: 10, max: 1 }),
      'invalid_field',
      'data.min',
    ],
    [
      'a scale minimum above the default maximum',
      question('x', { answerType: 'scale', min: 20 }),
      'invalid_field',
      'data.min',
    ],
    ['a pattern that does not compile', question('x', { pattern: '([a-z' }), 'invalid_field', 'data.pattern'],
    [
      'a duration wait without an amount',
      wait('x', { mode: 'duration', unit: 'days' }),
      'missing_field',
      'data.amount',
    ],
    [
      'a duration wait without a unit',
      wait('x', { mode: 'duration', amount: 2 }),
      'missing_field',
      'data.unit',
    ],
    ['an until wait without a time', wait('x', { mode: 'until', weekday: 1 }), 'missing_field', 'data.time'],
    ['an ai step without a goal', ai('x', { goal: ' ' }), 'missing_field', 'data.goal'],
    [
      'an ai step without max turns',
      ai('x', { exit: {} as { maxTurns: number } }),
      'missing_field',
      'data.exit.maxTurns',
    ],
    ['a habit without a name', habit('x', { name: '' }), 'missing_field', 'data.name'],
    ['a milestone without a name', milestone('x', { name: '' }), 'missing_field', 'data.name'],
    ['a handoff without a reason', handoff('x', { reason: '' }), 'missing_field', 'data.reason'],
    ['a webhook without an event', webhook('x', { event: '' }), 'missing_field', 'data.event'],
    [
      'an increment by a text',
      set('x', [{ variable: 'n', op: 'increment', value: 'one' }]),
      'invalid_field',
      'data.assignments[0].value',
    ],
  ];
  it.each(cases)('reports %s', (_name, node, code, field) => {
    expect(brief(line(node))).toEqual([{ code, severity: 'error', nodeId: 'x', field }]);
  });

  const clauses: [string, ConditionClause, ProgramIssue['code'], string][] = [
    [
      'a variable test without a variable',
      { source: 'variable', op: 'eq', value: 'a' },
      'missing_field',
      'variable',
    ],
    ['a time test without a field', { source: 'time', op: 'lt', value: 12 }, 'missing_field', 'field'],
    ['a comparison without a value', { source: 'time', field: 'hour', op: 'gte' }, 'missing_field', 'value'],
    ['a tag test with "eq"', { source: 'tag', op: 'eq', value: 'vip' }, 'invalid_field', 'op'],
    ['a tag test without a tag', { source: 'tag', op: 'exists' }, 'missing_field', 'value'],
    [
      '"in" with a single value',
      { source: 'sentiment', op: 'in', value: 'negative' },
      'invalid_field',
      'value',
    ],
  ];
  it.each(clauses)('reports %s', (_name, test, code, field) => {
    const definition = program(
      [start(), condition('x', [branch('b', test)]), end()],
      [edge('start', 'x'), edge('x', 'end', 'branch:b'), edge('x', 'end', 'default')],
    );
    expect(brief(definition)).toEqual([
      { code, severity: 'error', nodeId: 'x', field: `data.branches[0].clauses[0].${field}` },
    ]);
  });

  it('reports duplicate branch ids and duplicate declared variables', () => {
    const definition = program(
      [
        start(),
        condition('x', [
          branch('b', clause('user.language', 'eq', 'es')),
          branch('b', clause('user.language', 'eq', 'en')),
        ]),
        end(),
      ],
      [edge('start', 'x'), edge('x', 'end', 'branch:b'), edge('x', 'end', 'default')],
    );
    expect(brief(definition)).toEqual([
      { code: 'duplicate_id', severity: 'error', nodeId: 'x', field: 'data.branches[1].id' },
    ]);
    const declared = line(message('m'));
    declared.variables = [
      { name: 'plan', type: 'text', default: 'a' },
      { name: 'plan', type: 'text', default: 'b' },
    ];
    expect(brief(declared)).toEqual([
      { code: 'invalid_field', severity: 'error', field: 'variables[1].name' },
    ]);
  });

  it('accepts complete condition tests', () => {
    const tests: ConditionClause[] = [
      { source: 'time', field: 'weekday', op: 'in', value: ['1', '2'] },
      { source: 'tag', op: 'exists', value: 'vip' },
      { source: 'sentiment', op: 'eq', value: 'negative' },
      { source: 'variable', variable: 'user.language', op: 'exists' },
    ];
    const definition = program(
      [
        start(),
        condition(
          'x',
          tests.map((test, i) => branch(`b${i}`, test)),
        ),
        end(),
      ],
      [
        edge('start', 'x'),
        ...tests.map((_, i) => edge('x', 'end', `branch:b${i}`)),
        edge('x', 'end', 'default'),
      ],
    );
    expect(issues(definition)).toEqual([]);
  });
});

describe('8. variables', () => {
  /** start → q (a/b); a sets x via set, b goes straight to the join message. */
  const fork = (onB: ProgramNode | null, join = message('join', 'You said {{x}}')) =>
    program(
      [
        start(),
        choice('q', ['A', 'B']),
        set('sa', [{ variable: 'x', op: 'set', value: 'a' }]),
        ...(onB ? [onB] : []),
        join,
        end(),
      ],
      [
        edge('start', 'q'),
        edge('q', 'sa', 'choice:c1'),
        edge('sa', 'join'),
        ...(onB ? [edge('q', onB.id, 'choice:c2'), edge(onB.id, 'join')] : [edge('q', 'join', 'choice:c2')]),
        edge('join', 'end'),
      ],
    );

  it('accepts a variable set on every path', () => {
    expect(issues(fork(set('sb', [{ variable: 'x', op: 'set', value: 'b' }])))).toEqual([]);
    expect(ofCode(sample(), 'variable_used_before_set')).toEqual([]);
  });

  it('reports a variable set on only some paths', () => {
    expect(brief(fork(null))).toEqual([
      { code: 'variable_used_before_set', severity: 'error', nodeId: 'join', field: 'data.text' },
    ]);
  });

  it('does not count a question invalid exit as setting its variable', () => {
    const definition = program(
      [start(), question('q', { variable: 'ans' }), message('m', 'Got {{ ans }}'), end()],
      [edge('start', 'q'), edge('q', 'm'), edge('q', 'm', 'invalid'), edge('m', 'end')],
    );
    expect(brief(definition)).toEqual([
      { code: 'variable_used_before_set', severity: 'error', nodeId: 'm', field: 'data.text' },
    ]);
  });

  it('reports a question using its own answer in the prompt', () => {
    expect(brief(line(question('q', { prompt: 'You said {{q}}?' })))).toEqual([
      { code: 'variable_used_before_set', severity: 'error', nodeId: 'q', field: 'data.prompt' },
    ]);
  });

  it('accepts declared defaults and built-ins, reports unknown user.* and never-set names', () => {
    const ok = line(message('m', 'Hi {{user.firstName}} ({{user.language}}, {{user.timeZone}}): {{plan}}'));
    ok.variables = [{ name: 'plan', type: 'text', default: 'basic' }];
    expect(issues(ok)).toEqual([]);

    expect(brief(line(message('m', 'Hi {{user.email}}')))).toEqual([
      { code: 'invalid_field', severity: 'error', nodeId: 'm', field: 'data.text' },
    ]);
    expect(brief(line(message('m', 'Hi {{Name Here}}')))).toEqual([
      { code: 'invalid_field', severity: 'error', nodeId: 'm', field: 'data.text' },
    ]);
    const never = ofCode(line(message('m', 'Hi {{nickname}}')), 'variable_used_before_set');
    expect(never).toMatchObject([{ nodeId: 'm', field: 'data.text' }]);
    expect(never[0]!.message).toContain('No step sets');
  });

  it('follows assignments in order inside a set step', () => {
    const good = set('x', [
      { variable: 'a', op: 'set', value: 'one' },
      { variable: 'b', op: 'set', value: '{{a}}!' },
    ]);
    expect(issues(line(good))).toEqual([]);
    const bad = set('x', [
      { variable: 'b', op: 'set', value: '{{a}}!' },
      { variable: 'a', op: 'set', value: 'one' },
    ]);
    expect(brief(line(bad))).toEqual([
      {
        code: 'variable_used_before_set',
        severity: 'error',
        nodeId: 'x',
        field: 'data.assignments[0].value',
      },
    ]);
  });

  it('checks condition variables, except exists tests', () => {
    const build = (op: ConditionClause['op']) =>
      program(
        [
          start(),
          condition('c', [branch('b', clause('later', op, op === 'eq' ? 'x' : undefined))]),
          ai('a', { variable: 'later' }),
          end(),
        ],
        [edge('start', 'c'), edge('c', 'a', 'branch:b'), edge('c', 'a', 'default'), edge('a', 'end')],
      );
    expect(issues(build('exists'))).toEqual([]);
    expect(brief(build('eq'))).toEqual([
      {
        code: 'variable_used_before_set',
        severity: 'error',
        nodeId: 'c',
        field: 'data.branches[0].clauses[0].variable',
      },
    ]);
  });

  it('reports a variable first set later in a loop', () => {
    // m runs before q on the first pass.
    const definition = program(
      [
        start(),
        wait('w'),
        message('m', 'Last time: {{x}}'),
        choice('q', ['Again', 'Stop'], { variable: 'x' }),
        end(),
      ],
      [...chain('start', 'w', 'm', 'q'), edge('q', 'w', 'choice:c1'), edge('q', 'end', 'choice:c2')],
    );
    expect(brief(definition)).toEqual([
      { code: 'variable_used_before_set', severity: 'error', nodeId: 'm', field: 'data.text' },
    ]);
    // After the question, inside the loop, it is set.
    const after = program(
      [
        start(),
        wait('w'),
        choice('q', ['Again', 'Stop'], { variable: 'x' }),
        message('m', 'You chose {{x}}'),
        end(),
      ],
      [
        ...chain('start', 'w', 'q', 'm'),
        edge('m', 'w'),
        edge('q', 'end', 'choice:c2'),
        edge('q', 'm', 'choice:c1'),
      ],
    );
    expect(issues(after)).toEqual([]);
  });

  it('warns about a declared variable nothing sets', () => {
    const definition = line(message('m'));
    definition.variables = [{ name: 'unused', type: 'text' }];
    const result = validateProgram(definition);
    expect(result.valid).toBe(true);
    expect(result.issues).toMatchObject([
      { code: 'missing_field', severity: 'warning', field: 'variables[0].default' },
    ]);
  });
});

describe('9. WhatsApp limits', () => {
  const labels = (count: number) => Array.from({ length: count }, (_, i) => `Option ${i + 1}`);

  it('accepts what WhatsApp can show', () => {
    expect(ofCode(sample(), 'channel_limit')).toEqual([]);
    expect(issues(line(choice('x', labels(3))))).toEqual([]);
    expect(issues(line(choice('x', labels(10), { display: 'list' })))).toEqual([]);
    expect(issues(line(choice('x', ['A'.repeat(24), 'B'], { display: 'list' })))).toEqual([]);
  });

  it('does not apply WhatsApp limits to other channels', () => {
    const definition = line(choice('x', labels(12)));
    definition.channels = ['web', 'mobile'];
    expect(issues(definition)).toEqual([]);
  });

  it.each([
    ['4 buttons', choice('x', labels(4)), 'data.display'],
    ['4 choices without a display', choice('x', labels(4), { display: 'buttons' }), 'data.display'],
    ['11 list rows', choice('x', labels(11), { display: 'list' }), 'data.choices'],
    ['a 21-character button', choice('x', ['A'.repeat(21), 'B']), 'data.choices[0].label'],
    [
      'a 25-character list row',
      choice('x', ['A', 'B'.repeat(25)], { display: 'list' }),
      'data.choices[1].label',
    ],
    ['a 1,025-character choice prompt', choice('x', ['A', 'B'], { prompt: 'p'.repeat(1025) }), 'data.prompt'],
    ['a 4,097-character message', message('x', 'm'.repeat(4097)), 'data.text'],
    [
      'a 1,025-character caption',
      message('x', 'Look', {
        media: { kind: 'image', url: 'https://example.com/a.png', caption: 'c'.repeat(1025) },
      }),
      'data.media.caption',
    ],
  ])('reports %s', (_name, node, field) => {
    expect(brief(line(node))).toEqual([{ code: 'channel_limit', severity: 'error', nodeId: 'x', field }]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(issues(line(choice('x', ['😀'.repeat(20), 'B'])))).toEqual([]);
  });
});

describe('10. severity', () => {
  it('is valid with warnings only and invalid with an error', () => {
    const warned = line(message('m'));
    warned.variables = [{ name: 'unused', type: 'text' }];
    expect(validateProgram(warned).valid).toBe(true);
    expect(validateProgram(line(message('m', ''))).valid).toBe(false);
  });
});

describe('browser safety', () => {
  it('imports nothing but the contracts types', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('./program-validation.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]);
    expect(imports).toEqual(['./programs.ts']);
    expect(source).toMatch(/^import type \{/);
  });
});

// --- performance --------------------------------------------------------------------------

/**
 * A realistic program of about `size` steps: repeated segments of a choice question with an
 * exhaustive condition whose branches re-join, a text question with an invalid exit, a habit
 * with a daily wait-loop check-in, and an ai step with a time condition.
 */
function generate(size: number): ProgramDefinition {
  const nodes: ProgramNode[] = [start()];
  const edges: ProgramEdge[] = [];
  let e = 0;
  const link = (source: string, target: string, sourceHandle?: string) =>
    edges.push({ id: `e${e++}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });
  let prev = 'start';
  let known = 'program_name';
  const add = (node: ProgramNode, handle?: string) => {
    nodes.push(node);
    link(prev, node.id, handle);
    prev = node.id;
  };
  for (let k = 0; nodes.length < size - 8; k++) {
    const s = `s${k}`;
    switch (k % 4) {
      case 0: {
        add(message(`${s}_intro`, `Hi {{user.firstName}}, about {{${known}}}:`));
        add(choice(`${s}_q`, ['Great', 'Okay', 'Bad'], { variable: `mood_${k}` }));
        add(
          condition(`${s}_c`, [
            branch('up', clause(`mood_${k}`, 'eq', 'Great')),
            branch('down', clause(`mood_${k}`, 'in', ['Okay', 'Bad'])),
          ]),
        );
        nodes.push(
          message(`${s}_up`, 'Great!'),
          message(`${s}_down`, 'Tell me more.'),
          message(`${s}_join`, `Noted: {{mood_${k}}}`),
        );
        link(`${s}_c`, `${s}_up`, 'branch:up');
        link(`${s}_c`, `${s}_down`, 'branch:down');
        link(`${s}_up`, `${s}_join`);
        link(`${s}_down`, `${s}_join`);
        prev = `${s}_join`;
        known = `mood_${k}`;
        break;
      }
      case 1: {
        add(
          question(`${s}_q`, {
            prompt: `What did you learn about {{${known}}}?`,
            variable: `note_${k}`,
            pattern: '\\w+',
          }),
        );
        nodes.push(message(`${s}_retry`, 'No worries.'));
        link(`${s}_q`, `${s}_retry`, 'invalid');
        add(set(`${s}_set`, [{ variable: `step_${k}`, op: 'set', value: `{{${known}}}` }]));
        link(`${s}_retry`, `${s}_set`);
        known = `step_${k}`;
        break;
      }
      case 2: {
        add(habit(`${s}_habit`, { message: `Remember {{${known}}}` }));
        add(wait(`${s}_wait`));
        add(choice(`${s}_check`, ['Done', 'Not yet'], { variable: `done_${k}` }));
        link(`${s}_check`, `${s}_wait`, 'choice:c2');
        add(milestone(`${s}_ms`, { message: 'Nice streak!' }));
        known = `done_${k}`;
        break;
      }
      default: {
        add(ai(`${s}_ai`, { opening: `Let's talk about {{${known}}}.`, variable: `talk_${k}` }));
        add(webhook(`${s}_hook`));
        add(
          condition(`${s}_time`, [
            { id: 'am', match: 'all', clauses: [{ source: 'time', field: 'hour', op: 'lt', value: 12 }] },
          ]),
        );
        nodes.push(message(`${s}_am`, 'Good morning'), message(`${s}_pm`, `Good evening, {{talk_${k}}}`));
        link(`${s}_time`, `${s}_am`, 'branch:am');
        link(`${s}_time`, `${s}_pm`, 'default');
        link(`${s}_am`, `${s}_pm`);
        prev = `${s}_pm`;
        known = `talk_${k}`;
      }
    }
  }
  while (nodes.length < size - 1) add(message(`pad${nodes.length}`, `Almost there, {{${known}}}`));
  add(end());
  return program(nodes, edges, { variables: [{ name: 'program_name', type: 'text', default: 'Reset' }] });
}

const medianMs = (run: () => void, times: number) => {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
};

describe('performance', () => {
  it('validates a 1,000-step program in under 50 ms', () => {
    const definition = generate(1000);
    expect(definition.nodes).toHaveLength(1000);
    expect(() => ProgramDefinitionSchema.parse(definition)).not.toThrow();
    const types = new Set(definition.nodes.map((node) => node.type));
    expect(types.size).toBe(12 - 1); // every type but handoff
    expect(validateProgram(definition)).toEqual({ valid: true, issues: [] });
    expect(medianMs(() => validateProgram(definition), 9)).toBeLessThan(50);
  });

  it('stays linear at 5,000 steps', () => {
    const definition = generate(5000);
    expect(validateProgram(definition).valid).toBe(true);
    expect(medianMs(() => validateProgram(definition), 5)).toBeLessThan(250);
  });
});
