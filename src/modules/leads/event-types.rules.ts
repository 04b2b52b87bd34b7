/** Event types anyone may send; custom types are `x-` followed by a slug. */
export const PUBLIC_EVENT_TYPES = [
  'form_submitted',
  'page_viewed',
  'email_opened',
  'email_clicked',
  'content_downloaded',
  'webinar_registered',
  'demo_requested',
  'quote_requested',
  'message_received',
  'message_sent',
  'unsubscribed',
  'bounced',
  'stage_changed',
  'meeting_booked',
] as const;

/** Types only Chaud itself writes: they change lead fields and must come from the services. */
export const SYSTEM_EVENT_TYPES = [
  'lead_captured',
  'lead_updated',
  'lead_merged',
  'consent_changed',
  'temperature_changed',
] as const;

const CUSTOM_TYPE = /^x-[a-z0-9][a-z0-9_.-]{0,62}$/;

export function isPublicEventType(type: string): boolean {
  return (PUBLIC_EVENT_TYPES as readonly string[]).includes(type) || CUSTOM_TYPE.test(type);
}

export const DEFAULT_PRICING_PATTERNS = ['/pricing', '/tarifs', '/prix', '/plans', '/offres'];

/** Flags pricing pages by URL path so scoring can weigh them (`isPricingPage`). */
export function isPricingUrl(url: string, patterns: readonly string[] = DEFAULT_PRICING_PATTERNS): boolean {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://placeholder.invalid').pathname.toLowerCase();
  } catch {
    return false;
  }
  return patterns.some((pattern) => {
    const needle = pattern.toLowerCase();
    if (needle.includes('*')) {
      const regex = new RegExp(`^${needle.split('*').map(escapeRegex).join('.*')}$`);
      return regex.test(pathname);
    }
    // Whole path segments only: /en/pricing and /pricing/team match /pricing, /pricing-old does not.
    return `${pathname.replace(/\/+$/, '')}/`.includes(`${needle.replace(/\/+$/, '')}/`);
  });
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
