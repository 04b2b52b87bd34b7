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

// How many cases exercised contributions, engagement and decay periods varies a lot from one random
// run to the next (measured over 30 seeds of 150 runs: engagement 25–66, mean 44): the coverage is
// checked on a fixed sample, so a generator that stopped producing them fails every time and a
// random run never fails for being unlucky. Seed 1 gives 283 contributions, 62 and 22.
const COVERAGE_SEED = 1;

describe('the grid compiled to SQL', () => {
  it('scores random grids, leads and events exactly like the TypeScript engine', async () => {
    await fc.assert(fc.asyncProperty(scenario, checker.checkScenario), { numRuns: 150 });
  });

  it('is checked on cases that exercise contributions, engagement and decay periods', async () => {
    const before = { ...checker.seen };
    await fc.assert(fc.asyncProperty(scenario, checker.checkScenario), { numRuns: 150, seed: COVERAGE_SEED });
    expect(checker.seen.contributions - before.contributions).toBeGreaterThan(150);
    expect(checker.seen.engagement - before.engagement).toBeGreaterThan(25);
    expect(checker.seen.periods - before.periods).toBeGreaterThan(4);
  });
});
