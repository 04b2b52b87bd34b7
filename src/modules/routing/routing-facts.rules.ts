import { ATTRIBUTE_PREFIX, FORM_PREFIX } from './routing-condition.schemas.ts';

/**
 * What routing reads of a lead: the lead DTO of the leads module fits (it is typed here by shape so
 * the pure routing rules need no other module).
 */
export interface RoutableLead {
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  language: string | null;
  country: string | null;
  email: string | null;
  company: {
    name: string | null;
    domain: string | null;
    size: string | null;
    industry: string | null;
  } | null;
  source: string | null;
  firstTouch: unknown;
  lastTouch: unknown;
  attributes: Record<string, unknown>;
  stage: string;
  temperature: string;
  score: number;
  fitScore: number;
  engagementScore: number;
}

/** The values conditions test, flattened from the lead and the form answers (JSON, for the trace). */
export interface RoutingFacts {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  emailDomain: string | null;
  jobTitle: string | null;
  language: string | null;
  country: string | null;
  region: string | null;
  company: { name: string | null; domain: string | null; size: string | null; industry: string | null };
  score: number;
  fitScore: number;
  engagementScore: number;
  temperature: string;
  stage: string;
  /** Source of the last touch, else the lead's own. */
  source: string | null;
  firstTouch: { source: string | null };
  /** UTM of the last touch. */
  utm: { source: string | null; medium: string | null; campaign: string | null };
  attributes: Record<string, unknown>;
  form: Record<string, unknown>;
}

export type Region = 'emea' | 'na' | 'latam' | 'apac';

// ISO 3166 codes by sales region. French overseas departments go with France (EMEA); Mexico and the
// Caribbean with Latin America; Central Asia and the Caucasus with EMEA.
const REGION_COUNTRIES: Record<Region, string> = {
  emea:
    'AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE IM IS IT JE KG KZ ' +
    'LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TJ TM UA UZ VA XK ' +
    'AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE ' +
    'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU ' +
    'MW MZ NA NE NG RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG ZA ZM ZW ' +
    'GF GP MQ RE YT PM BL MF',
  na: 'US CA PR VI UM BM GL',
  latam:
    'MX GT BZ SV HN NI CR PA CU DO HT JM BS BB TT AG DM GD KN LC VC AI AW BQ CW SX KY TC VG MS ' +
    'AR BO BR CL CO EC GY PE PY SR UY VE FK',
  apac:
    'AU NZ CN HK MO TW JP KR KP MN IN PK BD LK NP BT MV AF SG MY ID TH VN PH KH LA MM BN TL PG FJ SB VU ' +
    'NC PF WS TO KI TV NR FM MH PW GU MP AS CK NU TK WF NF CX CC',
};

export const COUNTRY_REGIONS: ReadonlyMap<string, Region> = new Map(
  (Object.entries(REGION_COUNTRIES) as [Region, string][]).flatMap(([region, codes]) =>
    codes.split(' ').map((code) => [code, region] as const),
  ),
);

/** `attributes.region` when the lead has one, else the sales region of its country, else null. */
export function regionOf(country: string | null, attributes: Record<string, unknown>): string | null {
  const own = attributes.region;
  if (typeof own === 'string' && own.trim() !== '') return own.trim();
  return country ? (COUNTRY_REGIONS.get(country.trim().toUpperCase()) ?? null) : null;
}

/** `ana@Acme.fr` → `acme.fr`; null when there is no `@domain`. */
export function emailDomainOf(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  const domain =
    at >= 0
      ? email
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : '';
  return domain === '' ? null : domain;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Builds the facts of a lead; `formAnswers` are the answers of the form being routed, if any. */
export function routingFactsOf(lead: RoutableLead, formAnswers: Record<string, unknown> = {}): RoutingFacts {
  const firstTouch = record(lead.firstTouch);
  const lastTouch = record(lead.lastTouch);
  const utm = record(lastTouch.utm);
  const company = lead.company;
  return {
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    emailDomain: emailDomainOf(lead.email),
    jobTitle: lead.jobTitle,
    language: lead.language,
    country: lead.country ? lead.country.toUpperCase() : null,
    region: regionOf(lead.country, lead.attributes),
    company: {
      name: company?.name ?? null,
      domain: company?.domain ?? null,
      size: company?.size ?? null,
      industry: company?.industry ?? null,
    },
    score: lead.score,
    fitScore: lead.fitScore,
    engagementScore: lead.engagementScore,
    temperature: lead.temperature,
    stage: lead.stage,
    source: textOrNull(lastTouch.source) ?? lead.source,
    firstTouch: { source: textOrNull(firstTouch.source) ?? lead.source },
    utm: {
      source: textOrNull(utm.source),
      medium: textOrNull(utm.medium),
      campaign: textOrNull(utm.campaign),
    },
    attributes: { ...lead.attributes },
    form: { ...formAnswers },
  };
}

// Own keys only, so `constructor` or `__proto__` read nothing.
function ownValue(bag: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(bag, key) ? (bag[key] ?? null) : null;
}

/** The value a field path reads in the facts (undefined keys read as null). */
export function factAt(facts: RoutingFacts, field: string): unknown {
  if (field.startsWith(ATTRIBUTE_PREFIX))
    return ownValue(facts.attributes, field.slice(ATTRIBUTE_PREFIX.length));
  if (field.startsWith(FORM_PREFIX)) return ownValue(facts.form, field.slice(FORM_PREFIX.length));
  switch (field) {
    case 'company.name':
      return facts.company.name;
    case 'company.domain':
      return facts.company.domain;
    case 'company.size':
      return facts.company.size;
    case 'company.industry':
      return facts.company.industry;
    case 'firstTouch.source':
      return facts.firstTouch.source;
    case 'utm.source':
      return facts.utm.source;
    case 'utm.medium':
      return facts.utm.medium;
    case 'utm.campaign':
      return facts.utm.campaign;
    default: {
      const value = ownValue(facts as unknown as Record<string, unknown>, field);
      return typeof value === 'object' ? null : value;
    }
  }
}
