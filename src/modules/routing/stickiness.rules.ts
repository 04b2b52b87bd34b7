export type StickyReason = 'lead_owner' | 'company_owner' | 'same_email_domain';

export interface StickyOwner {
  userId: string;
  reason: StickyReason;
  /** The domain that made it sticky (company or e-mail), for the trace. */
  domain?: string;
}

export interface StickinessInput {
  lead: { ownerId: string | null; emailDomain: string | null; companyDomain: string | null };
  /** Owner of the leads or companies already known under each domain. */
  ownersByDomain: ReadonlyMap<string, string>;
  activeUserIds: ReadonlySet<string>;
}

// Mailbox providers: people from different companies share them, so they never make an owner sticky.
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.fr',
  'msn.com',
  'ymail.com',
  'rocketmail.com',
  'mail.com',
  'email.com',
  'protonmail.com',
  'protonmail.ch',
  'proton.me',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'zoho.com',
  'zohomail.com',
  'hey.com',
  'fastmail.com',
  'web.de',
  't-online.de',
  'qq.com',
  '163.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'neuf.fr',
  'cegetel.net',
  'club-internet.fr',
  'aliceadsl.fr',
  'numericable.fr',
  'bbox.fr',
  'laposte.net',
  'voila.fr',
  'skynet.be',
  'telenet.be',
  'bluewin.ch',
]);

// Providers with one domain per country (hotmail.fr, yahoo.co.uk, gmx.de…): the first label decides.
const FREE_MAIL_BRANDS = new Set([
  'hotmail',
  'outlook',
  'live',
  'yahoo',
  'gmx',
  'yandex',
  'libero',
  'laposte',
]);

/** `WWW.Acme.fr.` → `acme.fr`. */
export function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');
}

/** Whether the domain is a public mailbox provider (gmail.com, orange.fr, hotmail.*, yahoo.*, gmx.*…). */
export function isFreeMailDomain(domain: string): boolean {
  const normalized = normalizeDomain(domain);
  if (FREE_MAIL_DOMAINS.has(normalized)) return true;
  const [brand, ...suffix] = normalized.split('.');
  // brand.tld or brand.co.uk-like: at most two short labels after the brand.
  return (
    brand !== undefined &&
    FREE_MAIL_BRANDS.has(brand) &&
    suffix.length >= 1 &&
    suffix.length <= 2 &&
    suffix.every((label) => /^[a-z]{2,3}$/.test(label))
  );
}

function ownerOf(input: StickinessInput, domain: string | null): { userId: string; domain: string } | null {
  if (!domain) return null;
  const normalized = normalizeDomain(domain);
  if (normalized === '' || isFreeMailDomain(normalized)) return null;
  const userId = input.ownersByDomain.get(normalized) ?? input.ownersByDomain.get(domain);
  return userId !== undefined && input.activeUserIds.has(userId) ? { userId, domain: normalized } : null;
}

/**
 * Who keeps the lead, in this order: its own owner, the owner of its company's domain, the owner of
 * its e-mail domain; each only while an active user. Free-mail domains never count.
 */
export function findStickyOwner(input: StickinessInput): StickyOwner | null {
  const { ownerId, companyDomain, emailDomain } = input.lead;
  if (ownerId && input.activeUserIds.has(ownerId)) return { userId: ownerId, reason: 'lead_owner' };
  const company = ownerOf(input, companyDomain);
  if (company) return { ...company, reason: 'company_owner' };
  const email = ownerOf(input, emailDomain);
  if (email) return { ...email, reason: 'same_email_domain' };
  return null;
}
