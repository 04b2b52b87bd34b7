// Reads a V8 .cpuprofile (node --cpu-prof) and tells where the time went: by package and by function.
// Usage: node bench/profile-summary.ts FILE.cpuprofile [top]
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a script URL: a package name, a source folder, a node: module, or native/idle. */
function groupOf(url: string): string {
  if (!url) return '(native, GC, idle)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  const inSource = /\/(src|bench)\/(.+)$/.exec(url);
  if (inSource) return `${inSource[1]}/${inSource[2]!.split('/').slice(0, 2).join('/')}`;
  return url.startsWith('node:') ? url : url.slice(-60);
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

export function summarizeProfile(profile: CpuProfile, top = 20): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfTime = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
    total += delta;
  });
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const frame = nodes.get(id)!.callFrame;
    addTo(byGroup, groupOf(frame.url), time);
    addTo(byFunction, `${frame.functionName || '(anonymous)'} [${groupOf(frame.url)}]`, time);
    // Inclusive time: each distinct frame on the stack once.
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parents.get(current)) {
      const stackFrame = nodes.get(current)!.callFrame;
      const key = `${stackFrame.functionName || '(anonymous)'} [${groupOf(stackFrame.url)}]`;
      if (!seen.has(key)) addTo(inclusive, key, time);
      seen.add(key);
    }
  }
  const lines = (title: string, map: Map<string, number>) => [
    title,
    ...[...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, time]) => `  ${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`),
  ];
  return [
    `${(total / 1e6).toFixed(1)} s sampled`,
    ...lines('Self time by package:', byGroup),
    ...lines('Self time by function:', byFunction),
    ...lines('Inclusive time:', inclusive),
  ].join('\n');
}

if (import.meta.main) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: node bench/profile-summary.ts FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${summarizeProfile(profile, top ? Number(top) : 20)}\n`);
}
