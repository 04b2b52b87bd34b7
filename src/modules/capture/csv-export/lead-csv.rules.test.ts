import { describe, expect, it } from 'vitest';
import type { LeadDto } from '../../leads/index.ts';
import { mapColumns } from '../csv-import/header-mapping.rules.ts';
import { LEAD_CSV_COLUMNS, toLeadCsvCells } from './lead-csv.rules.ts';

const lead: LeadDto = {
  id: 'lead_1',
  firstName: 'Léa',
  lastName: 'Martin',
  jobTitle: 'CTO',
  language: 'fr',
  country: 'FR',
  timezone: 'Europe/Paris',
  email: 'lea@acme.fr',
  phone: '+33612345678',
  whatsappId: null,
  company: { name: 'Acme', domain: 'acme.fr', size: '11-50', industry: 'SaaS' },
  source: 'salon',
  firstTouch: {
    source: 'salon',
    utm: { source: 'linkedin', campaign: 'q4' },
    referrer: null,
    at: '2026-01-01',
  },
  lastTouch: null,
  attributes: { budget: 5000 },
  stage: 'lead',
  temperature: 'cold',
  score: 12,
  fitScore: 10,
  engagementScore: 2,
  ownerId: null,
  mergedIntoId: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
};

describe('toLeadCsvCells', () => {
  it('gives one cell per column, UTM from the first touch and attributes as JSON', () => {
    const cells = toLeadCsvCells(lead);
    expect(cells).toHaveLength(LEAD_CSV_COLUMNS.length);
    const byColumn = Object.fromEntries(LEAD_CSV_COLUMNS.map((column, index) => [column, cells[index]]));
    expect(byColumn).toMatchObject({
      companyName: 'Acme',
      utmSource: 'linkedin',
      utmCampaign: 'q4',
      utmMedium: null,
      attributes: '{"budget":5000}',
      score: 12,
    });
  });

  it('leaves company and attributes empty when the lead has none', () => {
    const cells = toLeadCsvCells({ ...lead, company: null, attributes: {}, firstTouch: null });
    const byColumn = Object.fromEntries(LEAD_CSV_COLUMNS.map((column, index) => [column, cells[index]]));
    expect(byColumn.companyName).toBeNull();
    expect(byColumn.attributes).toBeNull();
    expect(byColumn.utmSource).toBeNull();
  });

  it('uses headers the importer recognises for every lead field it can import', () => {
    const mapped = mapColumns([...LEAD_CSV_COLUMNS], [], { ignoreUnmapped: true }).columns;
    const ignored = mapped.filter(({ target }) => target.kind === 'ignore').map(({ header }) => header);
    expect(ignored).toEqual([
      'id',
      'stage',
      'temperature',
      'score',
      'fitScore',
      'engagementScore',
      'ownerId',
      'createdAt',
      'updatedAt',
    ]);
  });
});
