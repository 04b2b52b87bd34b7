import type { ScoringRule } from './grid.schemas.ts';

/**
 * The starting grid of a new workspace, from the scoring grid our method is based on:
 * fit from the ideal customer profile, engagement from what the lead did, and two penalties.
 */
export function defaultGridRules(): ScoringRule[] {
  return [
    {
      id: 'fit-persona',
      name: 'Matches a target persona',
      group: 'fit',
      points: 20,
      isEnabled: true,
      condition: { op: 'icp_persona' },
    },
    {
      id: 'fit-company-size',
      name: 'Company size in target range',
      group: 'fit',
      points: 15,
      isEnabled: true,
      condition: { op: 'icp_company_size' },
    },
    {
      id: 'fit-industry',
      name: 'Target industry',
      group: 'fit',
      points: 10,
      isEnabled: true,
      condition: { op: 'icp_industry' },
    },
    {
      id: 'eng-pricing-page',
      name: 'Viewed the pricing page',
      group: 'engagement',
      points: 25,
      isEnabled: true,
      decays: true,
      frequency: { mode: 'once' },
      condition: { eventType: 'page_viewed', filters: [{ property: 'isPricingPage', op: 'is_true' }] },
    },
    {
      id: 'eng-white-paper',
      name: 'Downloaded a white paper',
      group: 'engagement',
      points: 15,
      isEnabled: true,
      decays: true,
      frequency: { mode: 'once' },
      condition: { eventType: 'content_downloaded', filters: [] },
    },
    {
      id: 'eng-repeated-opens',
      name: 'Opened emails repeatedly (3 in 30 days)',
      group: 'engagement',
      points: 10,
      isEnabled: true,
      decays: true,
      frequency: { mode: 'once' },
      condition: { eventType: 'email_opened', filters: [], minCount: 3, withinDays: 30 },
    },
    {
      id: 'eng-demo-request',
      name: 'Requested a demo',
      group: 'engagement',
      points: 40,
      isEnabled: true,
      decays: true,
      frequency: { mode: 'once' },
      condition: { eventType: 'demo_requested', filters: [] },
    },
    {
      id: 'neg-invalid-email',
      name: 'Invalid email (hard bounce)',
      group: 'engagement',
      points: -50,
      isEnabled: true,
      decays: false,
      frequency: { mode: 'once' },
      condition: { eventType: 'bounced', filters: [] },
    },
    {
      id: 'neg-unsubscribed',
      name: 'Unsubscribed',
      group: 'engagement',
      points: -30,
      isEnabled: true,
      decays: false,
      frequency: { mode: 'once' },
      condition: { eventType: 'unsubscribed', filters: [] },
    },
  ];
}
