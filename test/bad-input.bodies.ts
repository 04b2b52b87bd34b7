import fc from 'fast-check';
import { PUBLIC_EVENT_TYPES } from '../src/modules/leads/index.ts';
import {
  applyMutations,
  mutationOf,
  nastyString,
  nastyValue,
  type PathSegment,
} from './bad-input.arbitraries.ts';

/** Valid bodies of the fuzzed endpoints and the targeted bad values of each of their fields. */

const repeat = (length: number) => 'a'.repeat(length);
const shortText = fc.string({ maxLength: 30 });

// A small pool so near-valid captures match existing leads and open merge proposals.
export const LEAD_EMAILS = [
  'ana@fuzz.example',
  'Ben@Fuzz.Example',
  'chloe.martin@fuzz.example',
  'dan+x@a.fuzz.example',
];
const LEAD_PHONES = ['+33612345678', '06 12 34 56 79', '+1 415 555 2671', '+44 7911 123456'];

const validConsent = fc.record({
  purpose: fc.constantFrom('marketing_email', 'whatsapp', 'sales_contact', 'x-partner_offers'),
  channel: fc.constantFrom('email', 'whatsapp', 'sms', 'phone', 'any'),
  granted: fc.boolean(),
  text: fc.constantFrom('I agree to receive news.', "J'accepte d'être contacté."),
});

const seedConsent = () => ({ purpose: 'marketing_email', channel: 'email', granted: true });

export const validLeadBody: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    email: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...LEAD_EMAILS) },
      { weight: 1, arbitrary: fc.emailAddress() },
    ),
    phone: fc.constantFrom(...LEAD_PHONES),
    whatsappId: fc.constantFrom('33612345678', '+14155552671'),
    firstName: shortText,
    lastName: shortText,
    jobTitle: shortText,
    language: fc.constantFrom('fr', 'en', null),
    country: fc.constantFrom('FR', 'us', 'DE', null),
    timezone: fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC', null),
    company: fc.record(
      {
        name: shortText,
        domain: fc.constantFrom('acme.fr', 'Example.COM'),
        size: fc.constantFrom('1-10', '50-199'),
        industry: shortText,
      },
      { requiredKeys: [] },
    ),
    attributes: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.oneof(shortText, fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 4 },
    ),
    source: fc.constantFrom('api', 'linkedin', 'salon'),
    utm: fc.record({ source: shortText, medium: shortText, campaign: shortText }, { requiredKeys: [] }),
    referrer: fc.constantFrom('https://www.google.com/', 'android-app://com.linkedin'),
    consents: fc.array(validConsent, { maxLength: 3 }),
  },
  { requiredKeys: ['email'] },
);

const leadTargets: Record<string, fc.Arbitrary<unknown>> = {
  email: fc.constantFrom(
    'not-an-email',
    'a@b',
    '@fuzz.example',
    'a b@fuzz.example',
    'ana@fuzz..example',
    'ana@-fuzz.example',
    '"q"@fuzz.example',
    'élodie@exämple.fr',
    'ana@fuzz.example\u0000',
    `${repeat(320)}@x.fr`,
    'ANA@FUZZ.EXAMPLE',
    '',
    null,
  ),
  phone: fc.constantFrom(
    '123',
    '+1',
    '++33612345678',
    'tel:+33612345678',
    '0'.repeat(41),
    '+999 999 999 999',
    '06 12 34 56 7\u0000',
    '',
    33612345678,
  ),
  whatsappId: fc.constantFrom('abc', '+12', '1'.repeat(21), ' 33612345678 ', '', '+', 33612345678),
  firstName: fc.constantFrom(repeat(101), '\u0000', 'Zoë\u0000', '\uD83D'),
  lastName: fc.constantFrom(repeat(101), '\uDE00x'),
  jobTitle: fc.constantFrom(repeat(201), 42),
  language: fc.constantFrom('FR', 'de', 'english', '', 'fr-FR', ' fr '),
  country: fc.constantFrom('FRA', 'F', '12', 'ZZ', 'XX', 'É', '', ' fr '),
  timezone: fc.constantFrom(
    'Mars/Olympus',
    'UTC+25',
    'Europe/Paris\u0000',
    'europe/paris',
    '',
    '+01:00',
    'Etc/GMT+14',
    'Local',
    'America/Argentina/ComodRivadavia',
  ),
  company: fc.constantFrom('Acme', [], null, 0),
  'company.name': fc.constantFrom(repeat(201), '\u0000'),
  'company.domain': fc.constantFrom(
    'acme',
    '-acme.fr',
    'acme..fr',
    'acme.fr/path',
    `${repeat(250)}.fr`,
    'xn--80ak6aa92e.com',
    '',
    'ACME.FR ',
  ),
  'company.size': fc.constantFrom(repeat(51), 10),
  attributes: fc.constantFrom(
    [],
    'plan=pro',
    null,
    Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`k${index}`, index])),
  ),
  'attributes.plan': fc.constantFrom({ nested: true }, ['pro'], repeat(2001), '\u0000', '\uD800', 1e308),
  source: fc.constantFrom('', '   ', repeat(101), null),
  utm: fc.constantFrom('google', [], null),
  'utm.source': fc.constantFrom(repeat(201), 7, '\u0000'),
  referrer: fc.constantFrom(repeat(2001), null),
  consents: fc.constantFrom('all', {}, null, Array.from({ length: 21 }, seedConsent)),
  'consents.0.purpose': fc.constantFrom('marketing', 'x-', 'X-upper', `x-${repeat(61)}`, '', 'x-a\u0000'),
  'consents.0.channel': fc.constantFrom('fax', 'EMAIL', '', null),
  'consents.0.granted': fc.constantFrom('true', 1, 'yes', null),
  'consents.0.text': fc.constantFrom(repeat(5001), '\u0000', '\uDBFF'),
};

const leadNested: PathSegment[][] = [['company'], ['utm'], ['attributes'], ['consents', 0]];

/** A valid capture body with one to three mutations: the inputs most likely to reach deep code. */
export const nearValidLeadBody: fc.Arbitrary<unknown> = fc
  .tuple(validLeadBody, fc.array(mutationOf(leadTargets, leadNested), { minLength: 1, maxLength: 3 }))
  .map(([body, mutations]) => applyMutations(body, mutations, seedConsent));

/** Event bodies; the lead references are known only once the test has created leads. */
export function eventBodies(
  leads: { ids: string[]; emails: string[]; foreignId: string; foreignEmail: string },
  now: Date,
) {
  const past = fc
    .date({
      min: new Date('2001-01-01T00:00:00Z'),
      max: new Date(now.getTime() - 60_000),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString());
  const validEvent = fc
    .record(
      {
        leadId: fc.constantFrom(...leads.ids),
        email: fc.constantFrom(...leads.emails),
        type: fc.constantFrom(...PUBLIC_EVENT_TYPES, 'x-trial_started', 'x-a.b-c'),
        occurredAt: past,
        source: fc.constantFrom('web', 'segment'),
        properties: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 4,
        }),
        dedupKey: fc.string({ minLength: 1, maxLength: 6 }),
      },
      { requiredKeys: ['type'] },
    )
    .map((event) => (event.leadId || event.email ? event : { ...event, leadId: leads.ids[0] }));

  const eventTargets: Record<string, fc.Arbitrary<unknown>> = {
    leadId: fc.constantFrom('', 'lead_missing', "' OR 1=1 --", leads.foreignId, repeat(101), 12, null),
    email: fc.constantFrom('nobody@fuzz.example', leads.foreignEmail, 'bad', repeat(321), '', null),
    type: fc.constantFrom(
      '',
      'x-',
      'X-Custom',
      'lead_captured',
      'consent_changed',
      `x-${repeat(70)}`,
      'page viewed',
      'PAGE_VIEWED',
      null,
    ),
    occurredAt: fc.constantFrom(
      '2026-13-01T00:00:00Z',
      'yesterday',
      '2026-01-01',
      '9999-12-31T23:59:59Z',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '1969-12-31T23:59:59.999999Z',
      '2026-02-30T10:00:00Z',
      '2026-01-01T00:00:00+25:00',
      1_700_000_000_000,
      '',
    ),
    source: fc.constantFrom('', ' ', repeat(101)),
    properties: fc.constantFrom(
      [],
      'x',
      null,
      { big: repeat(16_400) },
      { url: 5 },
      { url: 'javascript:alert(1)' },
      { url: 'http://[::1' },
      { url: '/pricing\u0000' },
      { isPricingPage: 'no' },
    ),
    'properties.url': fc.oneof(
      nastyString,
      fc.constantFrom('https://acme.fr/tarifs', '//evil/pricing', '\\\\pricing', '/%E0%A4%A/pricing'),
    ),
    dedupKey: fc.constantFrom('', repeat(201), 'dup-1', 'dup-2', 7),
  };
  const itemMutation = mutationOf(eventTargets, [['properties']]);

  const maxBatch = Array.from({ length: 1000 }, (_, index) => ({
    leadId: leads.ids[0],
    type: 'x-batch',
    dedupKey: `max-${index}`,
  }));
  const oversizeBatch = [...maxBatch, { leadId: leads.ids[0], type: 'x-batch', dedupKey: 'max-1000' }];
  const envelope = mutationOf({
    events: fc.constantFrom(
      [],
      'events',
      {},
      null,
      oversizeBatch,
      oversizeBatch.map(() => '\u0000'),
    ),
    'events.0': nastyValue,
  });

  const nearValidBatch = fc
    .tuple(
      fc.array(validEvent, { minLength: 1, maxLength: 8 }),
      fc.array(fc.tuple(fc.nat(), itemMutation), { minLength: 1, maxLength: 4 }),
      fc.oneof(
        { weight: 9, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.array(envelope, { minLength: 1, maxLength: 2 }) },
      ),
    )
    .map(([items, itemMutations, envelopeMutations]) => {
      const mutated: unknown[] = items.map((item) => item);
      for (const [at, mutation] of itemMutations) {
        const index = at % mutated.length;
        const item = mutated[index];
        mutated[index] =
          item !== null && typeof item === 'object' && !Array.isArray(item)
            ? applyMutations(item as Record<string, unknown>, [mutation])
            : item;
      }
      return envelopeMutations ? applyMutations({ events: mutated }, envelopeMutations) : { events: mutated };
    });

  return {
    nearValidBatch,
    /** Exactly the largest batch allowed: accepted the first time, then only duplicates. */
    maxBatch: fc.constant({ events: maxBatch }),
    validBatch: fc.array(validEvent, { minLength: 1, maxLength: 5 }).map((events) => ({ events })),
  };
}

/** The fuzzed form: every kind of field, a mapped select with an unknown country, two consents. */
export const FUZZ_FORM = {
  name: 'Fuzz form',
  fields: [
    { name: 'email', type: 'email', required: true, mapTo: 'email' },
    { name: 'phone', type: 'tel', mapTo: 'phone' },
    { name: 'firstName', mapTo: 'firstName' },
    { name: 'company', mapTo: 'company.name' },
    { name: 'country', type: 'select', options: ['FR', 'BE', 'CH', 'ZZ'], mapTo: 'country' },
    { name: 'timezone', type: 'hidden', mapTo: 'timezone' },
    { name: 'budget', type: 'select', options: ['<10k', '10-50k', '>50k'] },
    { name: 'message', type: 'textarea' },
    { name: 'newsletter', type: 'checkbox' },
    { name: 'terms', type: 'checkbox' },
  ],
  consents: [
    { purpose: 'marketing_email', channel: 'email', text: 'Send me the newsletter.', field: 'newsletter' },
    { purpose: 'sales_contact', channel: 'any', text: 'You may contact me.', field: 'terms', required: true },
  ],
  allowedOrigins: ['https://www.fuzz.example'],
};

export const validFormAnswers: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    // Many people: scoring rereads a lead's history on each submission, so spread it thin.
    email: fc.oneof(
      fc.constantFrom(...LEAD_EMAILS),
      fc.nat(199).map((n) => `visitor${n}@fuzz.example`),
    ),
    phone: fc.constantFrom(...LEAD_PHONES),
    firstName: shortText,
    company: shortText,
    country: fc.constantFrom('FR', 'BE', 'CH', 'ZZ'),
    timezone: fc.constantFrom('Europe/Paris', 'Europe/Brussels'),
    budget: fc.constantFrom('<10k', '10-50k', '>50k'),
    message: shortText,
    newsletter: fc.constantFrom('on', true, 'yes', 'off'),
    terms: fc.constantFrom('on', true, '1', 'checked'),
    utm_source: shortText,
    referrer: fc.constantFrom('https://www.google.com/'),
  },
  { requiredKeys: ['email', 'terms'] },
);

const formTargets: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(
  [
    'email',
    'phone',
    'firstName',
    'company',
    'country',
    'timezone',
    'budget',
    'message',
    'newsletter',
    'terms',
    'website',
    'utm_source',
    'utm_campaign',
    'referrer',
  ].map((field) => [
    field,
    fc.oneof(
      nastyString,
      fc.constantFrom(null, 0, true, [], ['a', 'b'], [null], Array(51).fill('x'), { a: 1 }),
    ),
  ]),
);

export const nearValidFormAnswers: fc.Arbitrary<unknown> = fc
  .tuple(validFormAnswers, fc.array(mutationOf(formTargets), { minLength: 1, maxLength: 4 }))
  .map(([body, mutations]) => applyMutations(body, mutations));
