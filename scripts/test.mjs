#!/usr/bin/env node
// `npm test`: unit tests and the integration suites on PGlite, plus PostgreSQL when TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Chaud's tests need Node.js >= 22.18 (24 LTS recommended); this is ${process.version}.`);
  process.exit(1);
}
if (!process.env.TEST_DATABASE_URL) {
  console.log(
    '\n[chaud] TEST_DATABASE_URL is not set: running the unit and PGlite suites only.\n' +
      '[chaud] Set TEST_DATABASE_URL=postgres://user@127.0.0.1:5432/db to also run every integration suite on PostgreSQL.\n',
  );
}
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, TZ: process.env.TZ ?? 'UTC' },
  },
);
process.exit(result.status ?? 1);
