#!/usr/bin/env node
// Checks the module boundaries of docs/ARCHITECTURE.md: modules are imported only through their
// index.ts, every module-to-module edge is declared, modules form no cycle, platform imports no module.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');
const architecture = fs.readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');

// Lines such as "- `leads` → `access`, `privacy`" (a dash alone means no dependency).
const allowed = new Map();
for (const match of architecture.matchAll(/^- `([a-z-]+)` → (.+)$/gm)) {
  const targets = [...match[2].matchAll(/`([a-z-]+)`/g)].map((item) => item[1]);
  allowed.set(match[1], new Set(targets));
}

const files = fs
  .readdirSync(src, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts'));
const importPattern = /(?:from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]/g;
const problems = [];
const edges = new Map();

const moduleOf = (absolute) => {
  const relative = path.relative(src, absolute).split(path.sep);
  return relative[0] === 'modules' ? relative[1] : null;
};

for (const file of files) {
  const absolute = path.join(src, file);
  const isTest = /\.(int\.)?test\.ts$/.test(file);
  const from = moduleOf(absolute);
  const layer = file.split(path.sep)[0];
  for (const match of fs.readFileSync(absolute, 'utf8').matchAll(importPattern)) {
    const target = path.resolve(path.dirname(absolute), match[1]);
    const to = moduleOf(target);
    if (layer === 'platform' && (to || target.startsWith(path.join(src, 'workflows')))) {
      problems.push(`${file}: platform must not import ${path.relative(src, target)}`);
    }
    if (!to || to === from) continue;
    // Table files may reference another module's tables for foreign keys (drizzle-kit loads them alone).
    const isTableReference = file.endsWith('.tables.ts') && target.endsWith('.tables.ts');
    if (!isTableReference && path.relative(path.join(src, 'modules', to), target) !== 'index.ts') {
      problems.push(
        `${file}: import ${to} through src/modules/${to}/index.ts, not ${path.relative(src, target)}`,
      );
    }
    if (from && !isTest) {
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
      if (!allowed.get(from)?.has(to))
        problems.push(`${file}: module ${from} → ${to} is not declared in docs/ARCHITECTURE.md`);
    }
  }
}

// Cycle detection over the module graph actually used.
const visiting = new Set();
const done = new Set();
const visit = (node, trail) => {
  if (done.has(node)) return;
  if (visiting.has(node)) {
    problems.push(`module cycle: ${[...trail.slice(trail.indexOf(node)), node].join(' → ')}`);
    return;
  }
  visiting.add(node);
  for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
  visiting.delete(node);
  done.add(node);
};
for (const node of edges.keys()) visit(node, []);

if (problems.length > 0) {
  console.error(`Module boundary check failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `Module boundaries OK (${files.length} files, ${[...edges.values()].reduce((sum, set) => sum + set.size, 0)} module edges).`,
);
