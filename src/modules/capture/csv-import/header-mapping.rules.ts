import { csvImportErrors } from './csv-import.errors.ts';

/** Where a column's values go; `attributes` reads a JSON object (the `attributes` column of an export). */
export const IMPORT_TARGETS = [
  'email',
  'phone',
  'whatsappId',
  'firstName',
  'lastName',
  'jobTitle',
  'country',
  'language',
  'timezone',
  'companyName',
  'companyDomain',
  'companySize',
  'companyIndustry',
  'source',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'utmTerm',
  'utmContent',
  'referrer',
  'attributes',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** A column's destination: a lead field, an attribute under a key, or nowhere. */
export type ColumnTarget =
  | { kind: 'field'; field: ImportTarget }
  | { kind: 'attribute'; key: string }
  | { kind: 'ignore' };

export interface ColumnMapping {
  /** One entry per column of the header, in order. */
  columns: { header: string; target: ColumnTarget }[];
}

/** `--map` entries as written: `Column=target`. */
export interface MapEntry {
  column: string;
  target: string;
}

/** Case, accents, spaces and punctuation do not matter: "Adresse E-mail" → "adresseemail". */
export function normalizeHeaderName(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const ALIASES: Record<ImportTarget, string[]> = {
  email: [
    'email',
    'e-mail',
    'mail',
    'courriel',
    'adresse e-mail',
    'adresse email',
    'adresse mail',
    'email address',
    'adresse courriel',
  ],
  phone: [
    'phone',
    'téléphone',
    'tel',
    'tél',
    'mobile',
    'portable',
    'phone number',
    'numéro de téléphone',
    'mobile phone',
    'cell',
    'gsm',
  ],
  whatsappId: ['whatsapp', 'whatsapp id', 'whatsapp number'],
  firstName: ['prénom', 'first name', 'given name'],
  lastName: ['nom', 'last name', 'nom de famille', 'surname', 'family name'],
  jobTitle: ['poste', 'fonction', 'job title', 'title', 'titre', 'intitulé de poste', 'position', 'role'],
  country: ['pays', 'country', 'country code', 'code pays'],
  language: ['langue', 'language', 'lang'],
  timezone: ['fuseau horaire', 'time zone', 'timezone'],
  companyName: [
    'société',
    'entreprise',
    'company',
    'organisation',
    'organization',
    'company name',
    'nom de la société',
    'raison sociale',
  ],
  companyDomain: ['site web', 'site', 'domaine', 'website', 'domain', 'company domain', 'url'],
  companySize: [
    'taille',
    'effectif',
    'company size',
    'taille entreprise',
    'nombre de salariés',
    'employees',
    'size',
  ],
  companyIndustry: ['secteur', 'industrie', 'industry', "secteur d'activité", 'company industry'],
  source: ['source', 'lead source', 'origine'],
  utmSource: ['utm_source'],
  utmMedium: ['utm_medium'],
  utmCampaign: ['utm_campaign'],
  utmTerm: ['utm_term'],
  utmContent: ['utm_content'],
  referrer: ['referrer', 'referer', 'référent'],
  attributes: ['attributes'],
};

const TARGET_BY_HEADER = new Map<string, ImportTarget>();
for (const target of IMPORT_TARGETS) {
  // The target's own name ("firstName") is an alias too, so an export re-imports as is.
  for (const alias of [target, ...ALIASES[target]]) TARGET_BY_HEADER.set(normalizeHeaderName(alias), target);
}

/** The target a header means, or null when it is not a known lead field. */
export function recognizeHeader(header: string): ImportTarget | null {
  return TARGET_BY_HEADER.get(normalizeHeaderName(header)) ?? null;
}

const ATTRIBUTE_PREFIX = 'attributes.';

/**
 * Parses `--map "Col A=email,Col B=firstName"` (the flag may repeat). A target is a field name,
 * `attributes.KEY` or `ignore`. Column names may contain '=': the last one separates the target.
 */
export function parseMapOption(values: readonly string[]): MapEntry[] {
  const entries: MapEntry[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      if (part.trim() === '') continue;
      const separator = part.lastIndexOf('=');
      const column = part.slice(0, separator).trim();
      const target = part.slice(separator + 1).trim();
      if (separator < 0 || column === '' || target === '') throw csvImportErrors.mapSyntax(part);
      const isKnown =
        (IMPORT_TARGETS as readonly string[]).includes(target) ||
        target === 'ignore' ||
        (target.startsWith(ATTRIBUTE_PREFIX) && target.length > ATTRIBUTE_PREFIX.length);
      if (!isKnown) throw csvImportErrors.mapUnknownTarget(target, [...IMPORT_TARGETS]);
      entries.push({ column, target });
    }
  }
  return entries;
}

function toColumnTarget(target: string): ColumnTarget {
  if (target === 'ignore') return { kind: 'ignore' };
  if (target.startsWith(ATTRIBUTE_PREFIX))
    return { kind: 'attribute', key: target.slice(ATTRIBUTE_PREFIX.length) };
  return { kind: 'field', field: target as ImportTarget };
}

// Attribute keys are at most 100 characters (ZAttributes).
const MAX_ATTRIBUTE_KEY = 100;

/**
 * Decides where each column goes: `--map` first, then recognised headers (the first column of a
 * target wins), then attributes keyed by the header — or nowhere with `ignoreUnmapped`.
 */
export function mapColumns(
  headers: readonly string[],
  entries: readonly MapEntry[],
  options: { ignoreUnmapped: boolean },
): ColumnMapping {
  const explicit = new Map<number, ColumnTarget>();
  const usedFields = new Set<string>();
  for (const entry of entries) {
    let index = headers.indexOf(entry.column);
    if (index < 0) {
      const wanted = normalizeHeaderName(entry.column);
      index = headers.findIndex((header) => normalizeHeaderName(header) === wanted);
    }
    if (index < 0) throw csvImportErrors.mapUnknownColumn(entry.column, headers);
    const target = toColumnTarget(entry.target);
    if (target.kind === 'field' && target.field !== 'attributes') {
      if (usedFields.has(target.field)) throw csvImportErrors.mapDuplicateTarget(target.field);
      usedFields.add(target.field);
    }
    explicit.set(index, target);
  }
  const usedKeys = new Set<string>();
  for (const target of explicit.values()) if (target.kind === 'attribute') usedKeys.add(target.key);
  const columns = headers.map((header, index) => {
    const chosen = explicit.get(index);
    if (chosen) return { header, target: chosen };
    const recognized = recognizeHeader(header);
    if (recognized && (recognized === 'attributes' || !usedFields.has(recognized))) {
      usedFields.add(recognized);
      return { header, target: { kind: 'field', field: recognized } as ColumnTarget };
    }
    if (options.ignoreUnmapped) return { header, target: { kind: 'ignore' } as ColumnTarget };
    const base = (header.trim() || `column_${index + 1}`).slice(0, MAX_ATTRIBUTE_KEY - 4);
    let key = base;
    for (let suffix = 2; usedKeys.has(key); suffix++) key = `${base} (${suffix})`;
    usedKeys.add(key);
    return { header, target: { kind: 'attribute', key } as ColumnTarget };
  });
  return { columns };
}

/** True when some column can carry an identity; without one every row would be rejected. */
export function hasIdentityColumn(mapping: ColumnMapping): boolean {
  return mapping.columns.some(
    ({ target }) =>
      target.kind === 'field' &&
      (target.field === 'email' || target.field === 'phone' || target.field === 'whatsappId'),
  );
}

/** "Email → email, Société → companyName, Notes → attributes.Notes" for the summary. */
export function describeMapping(mapping: ColumnMapping): string[] {
  return mapping.columns.map(({ header, target }) => {
    const to =
      target.kind === 'field'
        ? target.field
        : target.kind === 'attribute'
          ? `attributes.${target.key}`
          : '(ignored)';
    return `${header || '(empty header)'} → ${to}`;
  });
}
