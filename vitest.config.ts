import { defineConfig } from 'vitest/config';

// Unit tests run once; integration tests (*.int.test.ts) run against each database:
// PGlite always, PostgreSQL when TEST_DATABASE_URL is set (scripts/test.mjs says when it is not).
const integration = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
    env: { CHAUD_TEST_DB: name, TZ: 'UTC' },
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

const projects = [
  {
    test: {
      name: 'unit',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
      exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', 'node_modules/**'],
      env: { TZ: 'UTC' },
      testTimeout: 60_000,
    },
  },
  integration('pglite'),
  ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
];

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
    maxWorkers: 2,
  },
});
