import {
  COMPANY_SIZES,
  type DemoSource,
  DISQUALIFY_REASONS,
  DOWNLOADS,
  FIRST_NAMES,
  HANDOFF_REASONS,
  INDUSTRIES,
  inventCompany,
  JOB_TITLES,
  LAST_NAMES,
  LOCALES,
  NEEDS,
  PAGES,
  PRICING_PAGE,
  pick,
  pickWeighted,
  type Random,
  RECYCLE_REASONS,
  SITE,
  SOURCES,
  seededRandom,
  slugify,
} from './demo-data.catalogue.ts';
import { type PlannedConversation, planConversation } from './demo-data.conversations.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Leads are spread over this many days before `now`. */
export const DEMO_SPAN_DAYS = 90;

type Stage = 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer' | 'recycled' | 'disqualified';

export interface PlannedEvent {
  type: string;
  at: Date;
  properties: Record<string, unknown>;
}

export interface PlannedLead {
  fields: {
    firstName: string;
    lastName: string;
    jobTitle: string;
    language: 'fr' | 'en';
    country: string;
    timezone: string;
    email: string;
    phone: string | null;
    whatsappId: string | null;
    company: { name: string; domain: string; size: string; industry: string };
    attributes: Record<string, string | number | boolean | null>;
  };
  source: DemoSource;
  createdAt: Date;
  /** Index into the owners list, and when the lead was assigned. */
  owner: { index: number; at: Date } | null;
  stageMoves: { from: Stage; to: Stage; reason: string; at: Date }[];
  events: PlannedEvent[];
  consents: { purpose: 'marketing_email' | 'whatsapp'; channel: 'email' | 'whatsapp'; granted: boolean }[];
  bant: { field: 'budget' | 'authority' | 'need' | 'timeline'; value: unknown; at: Date }[];
  conversation: PlannedConversation | null;
  booking: { status: 'held' | 'no_show' | 'confirmed' | 'cancelled'; start: Date; bookedAt: Date } | null;
}

const STAGE_WEIGHTS: readonly (readonly [Stage, number])[] = [
  ['lead', 38],
  ['mql', 20],
  ['sql', 12],
  ['opportunity', 9],
  ['customer', 7],
  ['recycled', 7],
  ['disqualified', 7],
];

const FORWARD: Stage[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];
const FORWARD_REASONS: Record<string, string> = {
  mql: 'Score au-dessus du seuil MQL',
  sql: 'Qualifié au téléphone : besoin et budget confirmés',
  opportunity: 'Proposition commerciale envoyée',
  customer: 'Contrat signé',
};

/** A time between `from` and `to`, moved into working hours (8 h–19 h UTC-ish) on that day. */
function between(random: Random, from: number, to: number): Date {
  const at = from + random() * Math.max(0, to - from);
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const inHours = day + 7 * HOUR_MS + random() * 10 * HOUR_MS;
  return new Date(Math.min(Math.max(inHours, from), to));
}

/**
 * The whole demo data set as plain values, from a seed: the same seed, count, owners and `now`
 * always give the same leads. Every time lies in the `DEMO_SPAN_DAYS` days before `now` (upcoming
 * meetings excepted: they are booked in the past for the next two weeks).
 */
export function planDemoLeads(options: {
  count: number;
  now: Date;
  ownerCount: number;
  seed?: number;
}): PlannedLead[] {
  const random = seededRandom(options.seed ?? 20_240_901);
  const nowMs = options.now.getTime();
  const earliest = nowMs - (DEMO_SPAN_DAYS - 1) * DAY_MS;
  const usedEmails = new Set<string>();
  const takenSlots = new Set<string>();
  const leads: PlannedLead[] = [];
  for (let index = 0; index < options.count; index++) {
    // More leads lately (a growing funnel): ages skew towards today.
    const age = (DEMO_SPAN_DAYS - 2) * random() ** 1.4 * DAY_MS;
    const createdAt = between(random, Math.max(earliest, nowMs - age - DAY_MS / 2), nowMs - age);
    const locale = pickWeighted(random, LOCALES);
    const source = pickWeighted(random, SOURCES);
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const company = inventCompany(random);
    let email = `${slugify(firstName)}.${slugify(lastName)}@${company.domain}`;
    for (let n = 2; usedEmails.has(email); n++)
      email = `${slugify(firstName)}.${slugify(lastName)}${n}@${company.domain}`;
    usedEmails.add(email);
    const hasPhone = source.key === 'whatsapp_ad' || random() < 0.35;
    // 06 39 98 xx xx: the range kept for fiction, so no demo number rings a real phone.
    const phone = hasPhone ? `+3363998${String(index % 10_000).padStart(4, '0')}` : null;
    const ageDays = (nowMs - createdAt.getTime()) / DAY_MS;
    let stage = pickWeighted(random, STAGE_WEIGHTS);
    // A lead from the last days has not gone far yet.
    if (ageDays < 5 && !['lead', 'mql'].includes(stage)) stage = random() < 0.5 ? 'lead' : 'mql';
    const lead: PlannedLead = {
      fields: {
        firstName,
        lastName,
        jobTitle: pick(random, JOB_TITLES),
        language: locale.language,
        country: locale.country,
        timezone: locale.timezone,
        email,
        phone,
        whatsappId: source.key === 'whatsapp_ad' && phone ? phone.replace(/^\+/, '') : null,
        company: {
          ...company,
          size: pick(random, COMPANY_SIZES),
          industry: pick(random, INDUSTRIES),
        },
        attributes: { demo: true },
      },
      source,
      createdAt,
      owner: null,
      stageMoves: [],
      events: [],
      consents: [],
      bant: [],
      conversation: null,
      booking: null,
    };
    planJourney(random, lead, stage, nowMs);
    if (options.ownerCount > 0 && (stage !== 'lead' || random() < 0.5)) {
      const at = between(random, createdAt.getTime(), Math.min(nowMs, createdAt.getTime() + DAY_MS));
      lead.owner = { index: Math.floor(random() * options.ownerCount), at };
    }
    if (options.ownerCount > 0) planBooking(random, lead, stage, nowMs, takenSlots);
    if (random() < (source.key === 'whatsapp_ad' ? 0.9 : 0.3) || lead.booking)
      lead.conversation = planConversation(random, lead, nowMs, pick(random, HANDOFF_REASONS));
    leads.push(lead);
  }
  return leads;
}

function planJourney(random: Random, lead: PlannedLead, stage: Stage, nowMs: number): void {
  const start = lead.createdAt.getTime();
  const later = (from: number) => between(random, from, Math.min(nowMs, from + 20 * DAY_MS));
  const pageView = (path: string, at: Date): PlannedEvent => ({
    type: 'page_viewed',
    at,
    properties: { url: `${SITE}${path}`, isPricingPage: path === PRICING_PAGE },
  });
  for (let count = 1 + Math.floor(random() * 4); count > 0; count--)
    lead.events.push(pageView(pick(random, PAGES), later(start)));
  if (lead.source.key === 'webinar')
    lead.events.push({
      type: 'webinar_registered',
      at: new Date(start),
      properties: { webinar: 'Qualifier ses leads' },
    });
  if (random() < 0.75) lead.consents.push({ purpose: 'marketing_email', channel: 'email', granted: true });
  if (lead.fields.whatsappId) lead.consents.push({ purpose: 'whatsapp', channel: 'whatsapp', granted: true });

  const engaged = stage !== 'lead' && stage !== 'disqualified';
  if (engaged || random() < 0.25) {
    lead.events.push(pageView(PRICING_PAGE, later(start)));
    if (random() < 0.5)
      lead.events.push({
        type: 'content_downloaded',
        at: later(start),
        properties: { title: pick(random, DOWNLOADS) },
      });
    if (random() < 0.4)
      for (let n = 0; n < 3; n++)
        lead.events.push({ type: 'email_opened', at: later(start), properties: {} });
  }
  let cursor = start;
  const move = (from: Stage, to: Stage, reason: string) => {
    cursor = between(random, cursor + HOUR_MS, Math.min(nowMs - HOUR_MS, cursor + 12 * DAY_MS)).getTime();
    lead.stageMoves.push({ from, to, reason, at: new Date(cursor) });
  };
  if (stage === 'disqualified') {
    move('lead', 'disqualified', pick(random, DISQUALIFY_REASONS));
    return;
  }
  const target = stage === 'recycled' ? 'mql' : stage;
  for (let step = 1; step <= FORWARD.indexOf(target); step++) {
    const to = FORWARD[step]!;
    if (to === 'sql') {
      const type = random() < 0.7 ? 'demo_requested' : 'quote_requested';
      lead.events.push({
        type,
        at: new Date(Math.min(nowMs - 2 * HOUR_MS, cursor + HOUR_MS)),
        properties: {},
      });
      planBant(random, lead, cursor, nowMs);
    }
    move(FORWARD[step - 1]!, to, FORWARD_REASONS[to]!);
  }
  if (stage === 'recycled') move('mql', 'recycled', pick(random, RECYCLE_REASONS));
  else if (stage === 'mql' && random() < 0.4) planBant(random, lead, cursor, nowMs, true);
}

function planBant(random: Random, lead: PlannedLead, from: number, nowMs: number, isPartial = false): void {
  const at = () => between(random, from, Math.min(nowMs - HOUR_MS, from + 3 * DAY_MS));
  const min = pick(random, [5_000, 10_000, 20_000, 50_000]);
  lead.bant.push({ field: 'need', value: { text: pick(random, NEEDS) }, at: at() });
  if (isPartial) return;
  lead.bant.push({ field: 'budget', value: { kind: 'range', min, max: min * 2, currency: 'EUR' }, at: at() });
  lead.bant.push({
    field: 'authority',
    value: pickWeighted(random, [
      ['decision_maker', 5],
      ['influencer', 3],
      ['user', 1],
    ] as const),
    at: at(),
  });
  lead.bant.push({
    field: 'timeline',
    value: { kind: 'horizon', horizon: pick(random, ['lt_1m', '1_3m', '3_6m'] as const) },
    at: at(),
  });
}

/** Meetings of qualified leads: most held, some missed, some ahead (never two at once for a rep). */
function planBooking(
  random: Random,
  lead: PlannedLead,
  stage: Stage,
  nowMs: number,
  taken: Set<string>,
): void {
  if (!lead.owner || !['sql', 'opportunity', 'customer'].includes(stage) || random() < 0.2) return;
  const sqlMove = lead.stageMoves.find((step) => step.to === 'sql');
  const bookedAt = sqlMove ? sqlMove.at.getTime() : lead.createdAt.getTime();
  const isUpcoming = stage === 'sql' && random() < 0.6;
  let dayStart =
    Math.floor(
      (isUpcoming
        ? nowMs + (1 + Math.floor(random() * 14)) * DAY_MS
        : bookedAt + (1 + Math.floor(random() * 5)) * DAY_MS) / DAY_MS,
    ) * DAY_MS;
  if (!isUpcoming && dayStart + 17 * HOUR_MS > nowMs)
    dayStart = Math.floor((nowMs - DAY_MS) / DAY_MS) * DAY_MS;
  for (let attempt = 0; attempt < 40; attempt++) {
    const start = dayStart + (8 + (attempt % 9)) * HOUR_MS + Math.floor(attempt / 9) * DAY_MS;
    const key = `${lead.owner.index}:${start}`;
    if (taken.has(key) || (!isUpcoming && start > nowMs - HOUR_MS)) continue;
    taken.add(key);
    const status = isUpcoming
      ? 'confirmed'
      : pickWeighted(random, [
          ['held', 7],
          ['no_show', 2],
          ['cancelled', 1],
        ] as const);
    lead.booking = {
      status,
      start: new Date(start),
      bookedAt: new Date(Math.min(bookedAt, start - HOUR_MS, nowMs - HOUR_MS)),
    };
    lead.events.push({ type: 'meeting_booked', at: lead.booking.bookedAt, properties: { status } });
    return;
  }
}
