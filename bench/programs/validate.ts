// Program validator benchmark: validateProgram (packages/contracts) on generated
// programs of 100, 1,000 and 5,000 steps, next to the same-run baseline of
// ProgramDefinitionSchema.parse of the same definition (the Zod shape check the
// server runs before it anyway). CPU only: no database, no HTTP.
//
//   npm run bench:programs-validate -w @companero/bench
//
// Settings: BENCH_PROGRAMS_SIZES (comma-separated, default 100,1000,5000),
// BENCH_PROGRAMS_SECONDS (measuring time per size, default 2). Validate and parse
// calls alternate, so machine noise hits both alike. Prints a Markdown table and
// writes bench/results/programs-validate.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ConditionBranch,
  type ProgramDefinition,
  ProgramDefinitionSchema,
  type ProgramEdge,
  type ProgramNode,
  validateProgram,
} from '@companero/contracts';
import { median, percentile, round } from '../stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, '..', 'results', 'programs-validate.json');
const sizes = (process.env.BENCH_PROGRAMS_SIZES ?? '100,1000,5000').split(',').map(Number);
const seconds = Number(process.env.BENCH_PROGRAMS_SECONDS ?? 2);
/** The targets from the validator's brief. */
const TARGET_MS: Record<number, number> = { 1000: 50, 5000: 100 };

// --- a realistic program of `size` steps ---------------------------------------------------

const P = { x: 0, y: 0 };

/**
 * Repeated segments: a choice question with an exhaustive condition whose branches
 * re-join; a text question with an invalid exit; a habit with a daily wait-loop
 * check-in and a milestone; an ai step, a webhook and a time condition. Every
 * message references a variable set earlier, so the data-flow check has work.
 */
function generate(size: number): ProgramDefinition {
  const nodes: ProgramNode[] = [{ id: 'start', type: 'start', position: P, data: {} }];
  const edges: ProgramEdge[] = [];
  let prev = 'start';
  let known = 'program_name';
  const link = (source: string, target: string, sourceHandle?: string) =>
    edges.push({ id: `e${edges.length}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });
  const put = (node: ProgramNode) => nodes.push(node);
  const add = (node: ProgramNode) => {
    put(node);
    link(prev, node.id);
    prev = node.id;
  };
  const message = (id: string, text: string): ProgramNode => ({
    id,
    type: 'message',
    position: P,
    data: { text },
  });
  const choice = (id: string, variable: string, labels: string[], prompt: string): ProgramNode => ({
    id,
    type: 'question',
    position: P,
    data: {
      prompt,
      answerType: 'choice',
      variable,
      choices: labels.map((label, i) => ({ id: `c${i + 1}`, label })),
    },
  });
  const condition = (id: string, branches: ConditionBranch[]): ProgramNode => ({
    id,
    type: 'condition',
    position: P,
    data: { branches },
  });

  for (let k = 0; nodes.length < size - 8; k++) {
    const s = `s${k}`;
    switch (k % 4) {
      case 0: {
        const mood = `mood_${k}`;
        add(message(`${s}_intro`, `Hi {{user.firstName}}, about {{${known}}}:`));
        add(choice(`${s}_q`, mood, ['Great', 'Okay', 'Bad'], 'How do you feel today?'));
        add(
          condition(`${s}_c`, [
            {
              id: 'up',
              match: 'all',
              clauses: [{ source: 'variable', variable: mood, op: 'eq', value: 'Great' }],
            },
            {
              id: 'down',
              match: 'all',
              clauses: [{ source: 'variable', variable: mood, op: 'in', value: ['Okay', 'Bad'] }],
            },
          ]),
        );
        put(message(`${s}_up`, 'Great!'));
        put(message(`${s}_down`, 'Tell me more.'));
        put(message(`${s}_join`, `Noted: {{${mood}}}`));
        link(`${s}_c`, `${s}_up`, 'branch:up');
        link(`${s}_c`, `${s}_down`, 'branch:down');
        link(`${s}_up`, `${s}_join`);
        link(`${s}_down`, `${s}_join`);
        prev = `${s}_join`;
        known = mood;
        break;
      }
      case 1: {
        add({
          id: `${s}_q`,
          type: 'question',
          position: P,
          data: {
            prompt: `What did you learn about {{${known}}}?`,
            answerType: 'text',
            variable: `note_${k}`,
            pattern: '\\w+',
            retryMessage: 'A few words, please.',
          },
        });
        put(message(`${s}_retry`, 'No worries.'));
        link(`${s}_q`, `${s}_retry`, 'invalid');
        add({
          id: `${s}_set`,
          type: 'set',
          position: P,
          data: {
            assignments: [{ variable: `step_${k}`, op: 'set', value: `{{${known}}}` }],
            addTags: [],
            removeTags: [],
          },
        });
        link(`${s}_retry`, `${s}_set`);
        known = `step_${k}`;
        break;
      }
      case 2: {
        add({
          id: `${s}_habit`,
          type: 'habit',
          position: P,
          data: { name: 'Walk', frequency: 'daily', target: 1, message: `Remember {{${known}}}` },
        });
        add({
          id: `${s}_wait`,
          type: 'wait',
          position: P,
          data: { mode: 'duration', amount: 1, unit: 'days' },
        });
        add(choice(`${s}_check`, `done_${k}`, ['Done', 'Not yet'], 'Did you walk today?'));
        link(`${s}_check`, `${s}_wait`, 'choice:c2');
        add({ id: `${s}_ms`, type: 'milestone', position: P, data: { name: 'Streak', points: 10 } });
        known = `done_${k}`;
        break;
      }
      default: {
        add({
          id: `${s}_ai`,
          type: 'ai',
          position: P,
          data: {
            goal: 'Help the client name one obstacle',
            opening: `Let's talk about {{${known}}}.`,
            exit: { maxTurns: 3 },
            variable: `talk_${k}`,
          },
        });
        add({ id: `${s}_hook`, type: 'webhook', position: P, data: { event: 'segment_done' } });
        add(
          condition(`${s}_time`, [
            { id: 'am', match: 'all', clauses: [{ source: 'time', field: 'hour', op: 'lt', value: 12 }] },
          ]),
        );
        put(message(`${s}_am`, 'Good morning'));
        put(message(`${s}_pm`, `Good evening, {{talk_${k}}}`));
        link(`${s}_time`, `${s}_am`, 'branch:am');
        link(`${s}_time`, `${s}_pm`, 'default');
        link(`${s}_am`, `${s}_pm`);
        prev = `${s}_pm`;
        known = `talk_${k}`;
      }
    }
  }
  while (nodes.length < size - 1) add(message(`pad${nodes.length}`, `Almost there, {{${known}}}`));
  add({ id: 'end', type: 'end', position: P, data: { outcome: 'completed' } });
  return {
    schemaVersion: 1,
    nodes,
    edges,
    variables: [{ name: 'program_name', type: 'text', default: 'Reset' }],
    channels: ['web', 'whatsapp', 'mobile'],
  };
}

// --- measuring --------------------------------------------------------------------------------

function measure(size: number) {
  const definition = ProgramDefinitionSchema.parse(generate(size));
  const check = validateProgram(definition);
  if (!check.valid || check.issues.length > 0)
    throw new Error(
      `generated ${size}-step program is not clean: ${JSON.stringify(check.issues.slice(0, 3))}`,
    );

  const validate: number[] = [];
  const parse: number[] = [];
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) {
    validateProgram(definition);
    ProgramDefinitionSchema.parse(definition);
  }
  const until = performance.now() + seconds * 1000;
  // At least 20 of each, alternating.
  while (performance.now() < until || validate.length < 20) {
    let t0 = performance.now();
    validateProgram(definition);
    validate.push(performance.now() - t0);
    t0 = performance.now();
    ProgramDefinitionSchema.parse(definition);
    parse.push(performance.now() - t0);
  }
  const stats = (samples: number[]) => {
    const sorted = Float64Array.from(samples).sort();
    return { median: round(median(samples), 3), p95: round(percentile(sorted, 95), 3) };
  };
  const v = stats(validate);
  const p = stats(parse);
  return {
    size,
    edges: definition.edges.length,
    runs: validate.length,
    validateMs: v,
    parseMs: p,
    ratio: round(v.median / p.median, 2),
    targetMs: TARGET_MS[size] ?? null,
  };
}

const results = sizes.map(measure);
const facts = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, seconds };

console.log(
  `\nProgram validation (${facts.node}, ${facts.cores} × ${facts.cpu}; ${seconds} s per size, validate and parse alternating)\n`,
);
console.log(
  '| steps | edges | runs | validate median ms | validate p95 ms | parse median ms | parse p95 ms | validate / parse | target |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results)
  console.log(
    `| ${r.size} | ${r.edges} | ${r.runs} | ${r.validateMs.median} | ${r.validateMs.p95} | ${r.parseMs.median} | ${r.parseMs.p95} | ${r.ratio} | ${r.targetMs === null ? '' : `≤ ${r.targetMs} ms${r.validateMs.median <= r.targetMs ? ' ✓' : ' ✗'}`} |`,
  );

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify({ at: new Date().toISOString(), facts, results }, null, 2)}\n`);
console.log(`\nWrote ${resultsFile}`);
