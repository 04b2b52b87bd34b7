/**
 * Invented people and companies for the demo data set: first and last names are common ones put
 * together at random, companies are made-up names on reserved domains (`*.demo.chaud.test`), phone
 * numbers are in the range the French regulator keeps for fiction (06 39 98 xx xx). No real person.
 */

/** mulberry32: a tiny seeded generator, so the same seed always gives the same data set. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Picks by weight: `[[value, weight], …]`. */
export function pickWeighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random() * total;
  for (const [value, weight] of items) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return items.at(-1)![0];
}

// biome-ignore format: a word list reads better packed
export const FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Julie', 'Emma', 'Claire', 'Pauline', 'Lucie',
  'Anaïs', 'Mathilde', 'Élodie', 'Sophie', 'Nathalie', 'Hélène', 'Margaux', 'Aurélie', 'Céline', 'Thomas',
  'Nicolas', 'Julien', 'Antoine', 'Maxime', 'Hugo', 'Lucas', 'Romain', 'Guillaume', 'Pierre', 'Alexandre',
  'Mathieu', 'Sébastien', 'Olivier', 'François', 'Benoît', 'Karim', 'Yanis', 'Mehdi', 'Louis',
] as const;

// biome-ignore format: a word list reads better packed
export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Durand', 'Lefebvre', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garcia',
  'Roux', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller',
  'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Chevalier', 'Perrin', 'Morel', 'Gauthier',
  'Lemaire', 'Renaud', 'Benali', 'Nguyen', 'Peeters', 'Janssens', 'Rossi', 'Schneider', 'Fernández',
  'De Vries',
] as const;

/** Company name parts: "Atelier" + "Boréal" → "Atelier Boréal" on atelier-boreal.demo.chaud.test. */
// biome-ignore format: a word list reads better packed
const COMPANY_PREFIXES = [
  'Atelier', 'Groupe', 'Maison', 'Studio', 'Cabinet', 'Agence', 'Laboratoires', 'Transports', 'Éditions',
  'Solutions',
] as const;
// biome-ignore format: a word list reads better packed
const COMPANY_NAMES = [
  'Boréal', 'Azur', 'Lumen', 'Orée', 'Cèdre', 'Quartz', 'Altitude', 'Horizon', 'Mistral', 'Ondine',
  'Vauban', 'Sillage', 'Écume', 'Granit', 'Pléiade', 'Ardoise', 'Sirocco', 'Tilleul', 'Calypso', 'Zéphyr',
  'Opaline', 'Brume', 'Galet', 'Nova', 'Estuaire',
] as const;

// biome-ignore format: a word list reads better packed
export const INDUSTRIES = [
  'Logiciel', 'Industrie', 'Conseil', 'Commerce', 'Santé', 'Immobilier', 'Formation', 'Logistique',
  'Banque et assurance', 'Agroalimentaire',
] as const;

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'] as const;

// biome-ignore format: a word list reads better packed
export const JOB_TITLES = [
  'Directrice marketing', 'Directeur commercial', 'Responsable marketing digital', 'Head of Growth',
  'Directeur général', 'Fondatrice', 'Responsable des ventes', 'Chargée de communication',
  'Directeur des systèmes d’information', 'Acheteuse', 'Office manager', 'Responsable relation client',
  'Chef de projet CRM', 'Directrice administrative et financière', 'Business developer',
] as const;

/** Country, language and time zone of a lead: mostly France, then neighbours. */
export interface DemoLocale {
  country: string;
  language: 'fr' | 'en';
  timezone: string;
}

export const LOCALES: readonly (readonly [DemoLocale, number])[] = [
  [{ country: 'FR', language: 'fr', timezone: 'Europe/Paris' }, 70],
  [{ country: 'BE', language: 'fr', timezone: 'Europe/Brussels' }, 10],
  [{ country: 'CH', language: 'fr', timezone: 'Europe/Zurich' }, 6],
  [{ country: 'LU', language: 'fr', timezone: 'Europe/Luxembourg' }, 3],
  [{ country: 'DE', language: 'en', timezone: 'Europe/Berlin' }, 4],
  [{ country: 'ES', language: 'en', timezone: 'Europe/Madrid' }, 4],
  [{ country: 'NL', language: 'en', timezone: 'Europe/Amsterdam' }, 3],
] as const;

export interface DemoSource {
  key: string;
  source: string;
  utm: { source?: string; medium?: string; campaign?: string; content?: string };
  referrer: string | null;
}

/** Where demo leads come from, with the UTM a real campaign of that kind would carry. */
export const SOURCES: readonly (readonly [DemoSource, number])[] = [
  [
    {
      key: 'google_ads',
      source: 'google_ads',
      utm: { source: 'google', medium: 'cpc', campaign: 'logiciel-crm-pme' },
      referrer: 'https://www.google.com/',
    },
    24,
  ],
  [
    {
      key: 'linkedin',
      source: 'linkedin',
      utm: { source: 'linkedin', medium: 'paid_social', campaign: 'lead-gen-directeurs-commerciaux' },
      referrer: 'https://www.linkedin.com/',
    },
    18,
  ],
  [
    {
      key: 'webinar',
      source: 'webinar',
      utm: { source: 'webinar', medium: 'event', campaign: 'webinar-qualifier-ses-leads' },
      referrer: null,
    },
    12,
  ],
  [
    {
      key: 'salon',
      source: 'salon',
      utm: { source: 'salon', medium: 'offline', campaign: 'salon-marketing-b2b-paris' },
      referrer: null,
    },
    8,
  ],
  [
    {
      key: 'website',
      source: 'site_web',
      utm: { source: 'site', medium: 'organic' },
      referrer: 'https://www.example.fr/',
    },
    22,
  ],
  [
    {
      key: 'whatsapp_ad',
      source: 'whatsapp_ad',
      utm: { source: 'facebook', medium: 'click_to_whatsapp', campaign: 'ctwa-essai-gratuit' },
      referrer: null,
    },
    10,
  ],
  [
    {
      key: 'referral',
      source: 'recommandation',
      utm: { source: 'partenaire', medium: 'referral' },
      referrer: null,
    },
    6,
  ],
];

export const PAGES = [
  '/',
  '/fonctionnalites',
  '/blog/scoring-des-leads',
  '/cas-clients',
  '/integrations',
  '/a-propos',
] as const;
export const PRICING_PAGE = '/tarifs';
export const SITE = 'https://www.example.fr';
export const DOWNLOADS = [
  'Livre blanc : le scoring B2B',
  'Guide : qualifier avec BANT',
  'Modèle de grille de scoring',
] as const;

export const NEEDS = [
  'Centraliser les leads des salons et du site',
  'Qualifier plus vite les demandes entrantes',
  'Relancer automatiquement les prospects tièdes',
  'Répartir les leads entre les commerciaux',
  'Mesurer le retour des campagnes LinkedIn',
] as const;

export const DISQUALIFY_REASONS = [
  'Étudiant, pas de projet',
  'Concurrent',
  'Hors cible : entreprise trop petite',
  'Coordonnées invalides',
] as const;

export const RECYCLE_REASONS = [
  'Projet reporté à l’an prochain',
  'Pas de budget cette année',
  'Sans réponse après trois relances',
] as const;

export const HANDOFF_REASONS = [
  'Demande un tarif sur mesure',
  'Souhaite parler à un commercial',
  'Question technique sur l’intégration',
] as const;

export const DEMO_REP_NAMES = [
  { first: 'Claire', last: 'Vasseur' },
  { first: 'Julien', last: 'Marchand' },
  { first: 'Nadia', last: 'Haddad' },
] as const;

/** "Atelier Boréal" and its domain on the reserved demo zone. */
export function inventCompany(random: Random): { name: string; domain: string } {
  const name = `${pick(random, COMPANY_PREFIXES)} ${pick(random, COMPANY_NAMES)}`;
  return { name, domain: `${slugify(name)}.demo.chaud.test` };
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
