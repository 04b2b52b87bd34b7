// One generator of bench leads, so the API, COPY and CSV import all load the same kind of rows.
import { newId } from '../src/platform/ids.ts';
import { toCopyText } from './databases.ts';

const FIRST_NAMES = [
  'Élodie',
  'François',
  'Zoé',
  'Jérôme',
  'Anaïs',
  'Benoît',
  'Cécile',
  'Gaël',
  'Hélène',
  'Noël',
];
const LAST_NAMES = [
  'Lefèvre',
  'Dubois',
  'Gérard',
  'Müller',
  'Château',
  'Boër',
  'Leclercq',
  'Fabre',
  'Rivière',
];
const COMPANIES = [
  'Société Générale des Œuvres',
  'Bâtiments Réunis',
  'Crêperie du Port',
  'Forêt & Fils',
  'Électra',
];
const JOB_TITLES = ['Directrice marketing', 'Responsable achats', 'Gérant', 'Chargé d’affaires', 'DSI'];

export interface BenchLead {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  companyName: string;
}

/** Lead number `index` of series `series`: the email is unique per (series, index). */
export function makeBenchLead(series: string, index: number): BenchLead {
  return {
    email: `bench.${series}.${index}@exemple.fr`,
    firstName: FIRST_NAMES[index % FIRST_NAMES.length]!,
    lastName: LAST_NAMES[index % LAST_NAMES.length]!,
    jobTitle: JOB_TITLES[index % JOB_TITLES.length]!,
    companyName: COMPANIES[index % COMPANIES.length]!,
  };
}

/** The `POST /api/v1/leads` body for a bench lead. */
export function toApiBody(lead: BenchLead): string {
  return JSON.stringify({
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    jobTitle: lead.jobTitle,
    company: { name: lead.companyName },
    source: 'bench',
  });
}

/** Columns COPY fills, in order; the others keep their defaults as they do for an API insert. */
export const COPY_COLUMNS = [
  'id',
  'workspace_id',
  'first_name',
  'last_name',
  'job_title',
  'email',
  'company_name',
  'first_touch',
  'last_touch',
  'source',
  'attributes',
  'stage',
  'temperature',
  'created_at',
  'updated_at',
] as const;

/**
 * The `leads` row the API writes for a bench lead, as one COPY text line (same columns, same values
 * apart from id and time), so the COPY baseline loads the same rows into the same table.
 */
export function toCopyLine(workspaceId: string, lead: BenchLead, at: Date): string {
  const touch = { source: 'bench', utm: {}, referrer: null, at: at.toISOString() };
  const values = [
    newId('lead', at.getTime()),
    workspaceId,
    lead.firstName,
    lead.lastName,
    lead.jobTitle,
    lead.email,
    lead.companyName,
    touch,
    touch,
    'bench',
    {},
    'lead',
    'cold',
    at,
    at,
  ];
  return `${values.map(toCopyText).join('\t')}\n`;
}

export function makeCopyPayload(workspaceId: string, series: string, count: number): Buffer {
  const at = new Date();
  const lines: string[] = [];
  for (let index = 0; index < count; index++)
    lines.push(toCopyLine(workspaceId, makeBenchLead(series, index), at));
  return Buffer.from(lines.join(''), 'utf8');
}

const CSV_HEADER = 'Prénom;Nom;E-mail;Société;Fonction;Téléphone;Ville';
const CITIES = ['Besançon', 'Orléans', 'Nîmes', 'Saint-Étienne', 'Angoulême'];

/** A French CSV line (`;` separated, accents, a quoted field with a `;` inside, a mobile number). */
function toCsvLine(lead: BenchLead, index: number, phoneNumber: number): string {
  // 06 40 00 00 00 to 06 88 99 99 99 are all valid mobile numbers: unique while phoneNumber < 4.9e7.
  const digits = String(40_000_000 + (phoneNumber % 49_000_000));
  const phone = `06 ${digits.replace(/(\d\d)(?=\d)/g, '$1 ')}`;
  const company = index % 7 === 0 ? `"${lead.companyName}; siège"` : lead.companyName;
  return [
    lead.firstName,
    lead.lastName,
    lead.email,
    company,
    lead.jobTitle,
    phone,
    CITIES[index % CITIES.length],
  ].join(';');
}

/** `count` leads of `series`; phones run from `firstPhone` (< 4.9e7), so give each file its own range. */
export function makeFrenchCsv(series: string, count: number, firstPhone: number): string {
  const lines = [CSV_HEADER];
  for (let index = 0; index < count; index++)
    lines.push(toCsvLine(makeBenchLead(series, index), index, firstPhone + index));
  return `${lines.join('\r\n')}\r\n`;
}
