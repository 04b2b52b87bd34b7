import { describe, expect, it } from 'vitest';
import { DEMO_SPAN_DAYS, planDemoLeads } from './demo-data.generate.ts';

const now = new Date('2026-06-15T12:00:00Z');
const DAY_MS = 86_400_000;

describe('planDemoLeads', () => {
  const plan = planDemoLeads({ count: 300, now, ownerCount: 3 });

  it('gives the same data set for the same seed, another for another seed', () => {
    expect(planDemoLeads({ count: 300, now, ownerCount: 3 })).toEqual(plan);
    expect(planDemoLeads({ count: 300, now, ownerCount: 3, seed: 7 })[0]?.fields.email).not.toBe(
      plan[0]?.fields.email,
    );
  });

  it('invents people on reserved domains and fictional numbers only, each marked as demo', () => {
    expect(new Set(plan.map((lead) => lead.fields.email)).size).toBe(plan.length);
    for (const lead of plan) {
      expect(lead.fields.email).toMatch(/@[a-z0-9-]+\.demo\.chaud\.test$/);
      if (lead.fields.phone) expect(lead.fields.phone).toMatch(/^\+3363998\d{4}$/);
      expect(lead.fields.attributes.demo).toBe(true);
    }
  });

  it('keeps every past fact within the last 90 days, in order', () => {
    const earliest = now.getTime() - DEMO_SPAN_DAYS * DAY_MS;
    const inWindow = (at: Date) => at.getTime() >= earliest && at.getTime() <= now.getTime();
    for (const lead of plan) {
      expect(inWindow(lead.createdAt)).toBe(true);
      for (const event of lead.events) expect(inWindow(event.at), event.type).toBe(true);
      for (const move of lead.stageMoves) {
        expect(inWindow(move.at)).toBe(true);
        expect(move.at.getTime()).toBeGreaterThanOrEqual(lead.createdAt.getTime());
      }
      for (const message of lead.conversation?.messages ?? []) expect(inWindow(message.at)).toBe(true);
      if (lead.booking) {
        expect(inWindow(lead.booking.bookedAt)).toBe(true);
        expect(lead.booking.status === 'confirmed').toBe(lead.booking.start > now);
      }
    }
    // Spread over the whole span, not bunched up.
    const ages = plan.map((lead) => (now.getTime() - lead.createdAt.getTime()) / DAY_MS);
    expect(Math.max(...ages)).toBeGreaterThan(70);
    expect(ages.filter((age) => age < 7).length).toBeGreaterThan(10);
  });

  it('never books a rep twice at the same time', () => {
    const slots = plan.flatMap((lead) =>
      lead.booking && lead.owner ? [`${lead.owner.index}:${lead.booking.start.toISOString()}`] : [],
    );
    expect(slots.length).toBeGreaterThan(10);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it('moves stages only forward along the funnel, then to recycled or disqualified with a reason', () => {
    const finals = new Set(plan.map((lead) => lead.stageMoves.at(-1)?.to ?? 'lead'));
    expect([...finals].sort()).toEqual(
      ['customer', 'disqualified', 'lead', 'mql', 'opportunity', 'recycled', 'sql'].sort(),
    );
    for (const lead of plan)
      lead.stageMoves.forEach((move, index) => {
        expect(move.reason.length).toBeGreaterThan(3);
        if (index > 0) expect(move.from).toBe(lead.stageMoves[index - 1]!.to);
      });
  });
});
