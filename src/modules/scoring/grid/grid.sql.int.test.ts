import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { scenario } from './grid.sql.arbitraries.ts';
import { gridSqlChecker } from './grid.sql.fixtures.ts';

// Property: for random grids, leads and events, the compiled SQL computes what the TypeScript
// engine computes (scores within 0.01, the same contributions in the same order, the same band).
// The default grid is checked the same way in default-grid.sql.int.test.ts.

let test: TestContext;
let checker: ReturnType<typeof gridSqlChecker>;
beforeAll(async () => {
  test = await createTestContext();
  checker = gridSqlChecker(test);
});
afterAll(() => test.close());

describe('the grid compiled to SQL', () => {
  it('scores random grids, leads and events exactly like the TypeScript engine', async () => {
    await fc.assert(fc.asyncProperty(scenario, checker.checkScenario), { numRuns: 150 });
    expect(checker.seen.contributions).toBeGreaterThan(150);
    expect(checker.seen.engagement).toBeGreaterThan(25);
    expect(checker.seen.periods).toBeGreaterThan(4);
  });
});
