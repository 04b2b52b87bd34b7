import { expect } from 'vitest';
import type { TestContext } from '../../../../test/harness.ts';
import { createWorkspace } from '../../access/index.ts';
import { events, leads } from '../../leads/index.ts';
import { rowsOf } from '../workspace-rescore.service.ts';
import { compileGrid, type EventFact, type LeadFacts } from './grid.engine.ts';
import { type ScoringRule, type ScoringSettings, ZScoringRule, ZScoringSettings } from './grid.schemas.ts';
import type { Scenario } from './grid.sql.arbitraries.ts';
import { compileGridSql } from './grid.sql.ts';
import { decideTemperature } from './temperature.rules.ts';

// Shared by the grid-to-SQL suites: one scenario stored in a fresh workspace, scored by the compiled
// SQL and by the TypeScript engine, and compared (scores within 0.01, the same contributions in the
// same order, the same band).

const NOW = Date.parse('2026-06-01T12:00:00.000Z');

type SqlRow = {
  lead_id: string;
  fit: number;
  engagement: number;
  total: number;
  temperature: string;
  contributions: Record<string, unknown>[];
};

export function gridSqlChecker(test: TestContext) {
  let runs = 0;
  // What the random cases exercised, so a generator that stopped producing matches cannot pass unnoticed.
  const seen = { contributions: 0, engagement: 0, periods: 0 };

  async function checkScenario(input: Scenario): Promise<void> {
    runs += 1;
    const rules: ScoringRule[] = input.rules.map((item, index) =>
      ZScoringRule.parse({ ...item, id: `r${index}`, name: `Rule ${index}` }),
    );
    const parsedSettings: ScoringSettings = ZScoringSettings.parse(input.settings);
    const workspaceId = await createWorkspace(test.ctx.db, `property ${runs}`);
    const factsById = new Map<string, { facts: LeadFacts; events: EventFact[] }>();
    input.leads.forEach((item, index) => {
      const leadEvents = item.events.map((generated, eventIndex) => ({
        // Ids that do not follow time order, so ties are broken by id as the engine does.
        id: `evt_${runs}_${(eventIndex * 7) % 10}${eventIndex}_${index}`,
        type: generated.type,
        occurredAt: NOW - generated.ageMs,
        properties: generated.properties,
      }));
      factsById.set(`lead_${runs}_${index}`, { facts: item.facts, events: leadEvents });
    });
    await test.ctx.db
      .insert(leads)
      .values([...factsById].map(([id, { facts }]) => ({ id, workspaceId, ...facts })));
    const eventRows = [...factsById].flatMap(([leadId, item]) =>
      item.events.map((fact) => ({
        id: fact.id,
        workspaceId,
        leadId,
        type: fact.type,
        occurredAt: new Date(fact.occurredAt),
        source: 'test',
        properties: fact.properties,
      })),
    );
    if (eventRows.length > 0) await test.ctx.db.insert(events).values(eventRows);

    const query = compileGridSql(
      rules,
      parsedSettings,
      { workspaceId, nowMs: NOW },
      { withContributions: true, withTemperature: true },
    );
    const rows = rowsOf<SqlRow>(await test.ctx.db.execute(query));
    expect(rows).toHaveLength(factsById.size);
    const engine = compileGrid(rules, parsedSettings);
    for (const row of rows) {
      const item = factsById.get(row.lead_id)!;
      const expected = engine.score(item.facts, item.events, NOW);
      seen.contributions += expected.contributions.length;
      if (expected.engagement !== 0) seen.engagement += 1;
      if (
        expected.contributions.some((contribution) =>
          rules.find(
            (candidate) =>
              candidate.id === contribution.ruleId &&
              candidate.group === 'engagement' &&
              candidate.frequency.mode === 'once_per_period',
          ),
        )
      )
        seen.periods += 1;
      expect(Math.abs(row.fit - expected.fit), 'fit').toBeLessThanOrEqual(0.01);
      expect(Math.abs(row.engagement - expected.engagement), 'engagement').toBeLessThanOrEqual(0.01);
      expect(Math.abs(row.total - expected.total), 'total').toBeLessThanOrEqual(0.01);
      expect(row.contributions.map(({ decayedPoints, ...rest }) => rest)).toEqual(
        expected.contributions.map(({ decayedPoints, ...rest }) => rest),
      );
      row.contributions.forEach((contribution, index) => {
        expect(
          Math.abs((contribution.decayedPoints as number) - expected.contributions[index]!.decayedPoints),
        ).toBeLessThanOrEqual(0.01);
      });
      const noSignals = { hasConfirmedBudget: false, timelineMonths: null };
      expect(row.temperature).toBe(
        decideTemperature(expected.total, parsedSettings, item.events, noSignals, NOW).temperature,
      );
    }
  }

  return { checkScenario, seen };
}
