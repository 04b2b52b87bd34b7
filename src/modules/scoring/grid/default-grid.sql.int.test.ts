import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { ZScoringSettings } from './grid.schemas.ts';
import { type Scenario, scenario } from './grid.sql.arbitraries.ts';
import { gridSqlChecker } from './grid.sql.fixtures.ts';

// Property: on the default grid with a full ideal customer profile, and random leads and events, the
// compiled SQL computes what the TypeScript engine computes (random grids: grid.sql.int.test.ts).

let test: TestContext;
let checker: ReturnType<typeof gridSqlChecker>;
beforeAll(async () => {
  test = await createTestContext();
  checker = gridSqlChecker(test);
});
afterAll(() => test.close());

describe('the grid compiled to SQL', () => {
  it('agrees on the default grid with a full ideal customer profile', async () => {
    const { defaultGridRules } = await import('./default-grid.ts');
    const icpSettings = {
      ...ZScoringSettings.parse({}),
      icp: {
        personas: ['directeur commercial', 'CEO'],
        companySizes: [{ min: 50, max: 500 }],
        industries: ['SaaS'],
        countries: ['FR'],
      },
    };
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        await checker.checkScenario({
          ...input,
          rules: defaultGridRules().map(({ id, name, ...rest }) => rest) as Scenario['rules'],
          settings: icpSettings as Scenario['settings'],
        });
      }),
      { numRuns: 40 },
    );
  });
});
