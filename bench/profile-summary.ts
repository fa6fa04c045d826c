// Summarizes a V8 .cpuprofile (from BENCH_PROFILE=<variant>): where the server
// process spent its CPU, by component, by package and by function. Given the
// server's CPU µs per request (from the benchmark table), components get µs too.
//   cd bench && npx tsx profile-summary.ts results/profiles/app-pg.cpuprofile [top] [cpu-us-per-request]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, perRequestArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx profile-summary.ts <file.cpuprofile> [top] [cpu-us-per-request]');
const top = Number(topArg ?? 25);
const perRequest = perRequestArg ? Number(perRequestArg) : undefined;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
// Percentages are of busy time: the profile spans every round, so this server idles while the others run.
for (const n of profile.nodes) if (n.callFrame.functionName === '(idle)') self.delete(n.id);
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** "fastify", "@companero/server", "node:internal", "(program)"... */
function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node:internal';
  const app = url.match(/\/(apps|packages)\/([^/]+)\//);
  return app ? `@companero/${app[2]}` : url;
}
const keyOf = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${packageOf(n)}:${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

// Components: each sample goes to the innermost frame on its stack that belongs
// to a known package; Node internals and natives count for whoever called them.
const COMPONENTS: [RegExp, string][] = [
  [/^jose$/, 'JWT verification (jose, WebCrypto)'],
  [/^drizzle-orm$/, 'Drizzle (query building, row mapping)'],
  [/^(zod|fastify-type-provider-zod)$/, 'Zod response serialization'],
  [/^(pg|pg-protocol|pg-pool|pg-types|postgres-.*)$/, 'pg driver (protocol, row parsing)'],
  [/^@companero\/db$/, 'Database port (withTenant, pipeline)'],
  [/^(helmet|@fastify\/helmet)$/, 'helmet headers'],
  [/^(@fastify\/rate-limit|toad-cache)$/, 'rate limit'],
  [/^(pino|@pinojs\/.*|pino-.*)$/, 'logging (pino child per request)'],
  [/^prom-client$/, 'metrics (prom-client)'],
  [/^(@fastify\/cors|@fastify\/cookie|cookie)$/, 'cors, cookie plugins'],
  [/^@companero\/(server|contracts)$/, 'our route, auth hook, service code'],
  [
    /^(fastify|find-my-way|fast-querystring|fast-json-stringify|avvio|light-my-request|@fastify\/.*)$/,
    'Fastify core',
  ],
  [/\/bench\/server\.ts$/, 'bench handler (floor mapping)'],
  [/^\(garbage collector\)$/, 'garbage collection'],
];
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
function componentOf(id: number): string {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const pkg = packageOf(byId.get(at)!);
    const hit = COMPONENTS.find(([re]) => re.test(pkg));
    if (hit) return hit[1];
  }
  return 'Node HTTP, net, event loop (outside any package)';
}
const byComponent = new Map<string, number>();
for (const [id, us] of self) byComponent.set(componentOf(id), (byComponent.get(componentOf(id)) ?? 0) + us);

const selfByPackage = new Map<string, number>();
const selfByFunction = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id)!;
  selfByPackage.set(packageOf(node), (selfByPackage.get(packageOf(node)) ?? 0) + us);
  selfByFunction.set(keyOf(node), (selfByFunction.get(keyOf(node)) ?? 0) + us);
}

// Inclusive time per function, counted once per stack even under recursion.
const inclusive = new Map<string, number>();
function walk(id: number, onStack: Set<string>): number {
  const node = byId.get(id)!;
  let sum = self.get(id) ?? 0;
  const key = keyOf(node);
  const first = !onStack.has(key);
  if (first) onStack.add(key);
  for (const child of node.children ?? []) sum += walk(child, onStack);
  if (first) {
    onStack.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
  }
  return sum;
}
walk(profile.nodes[0]!.id, new Set());

const pct = (us: number) =>
  `${((100 * us) / total).toFixed(1).padStart(5)}%` +
  (perRequest ? ` ${((perRequest * us) / total).toFixed(0).padStart(4)} µs/req` : '');
function print(title: string, map: Map<string, number>, n: number) {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(us)}  ${k}`);
}
console.log(`${file}: ${(total / 1e6).toFixed(2)} s busy (percentages below are of busy time)`);
print('By component (innermost known package on the stack)', byComponent, COMPONENTS.length + 1);
print('Self time by package', selfByPackage, top);
print('Self time by function', selfByFunction, top);
print('Inclusive time by function', inclusive, top * 2);
