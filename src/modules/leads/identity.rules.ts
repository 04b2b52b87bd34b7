import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { leadErrors } from './leads.errors.ts';

export type IdentityKind = 'email' | 'phone' | 'whatsapp' | 'bsuid';

export interface Identity {
  kind: IdentityKind;
  value: string;
}

// Deliberately permissive (RFC 5322 allows far more); rejects what cannot be delivered to.
const EMAIL_PATTERN =
  /^[^\s@"(),:;<>[\\\]]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Trimmed, lower-cased email; throws LEAD_EMAIL_INVALID when it cannot be an address. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 320 || !EMAIL_PATTERN.test(email)) throw leadErrors.invalidEmail(raw);
  return email;
}

/** E.164 phone; numbers without a country code are read in the lead's or the workspace's country. */
export function normalizePhone(raw: string, defaultCountry: string): string {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry.toUpperCase() as CountryCode);
  if (!parsed?.isValid()) throw leadErrors.invalidPhone(raw, defaultCountry);
  return parsed.number;
}

/** WhatsApp ids are the international number without '+'. */
export function normalizeWhatsappId(raw: string): string {
  return raw.trim().replace(/^\+/, '');
}

/** Every identity a write carries, normalised and without duplicates. */
export function collectIdentities(
  fields: {
    email?: string | null;
    phone?: string | null;
    whatsappId?: string | null;
    whatsappUserId?: string | null;
    country?: string | null;
  },
  defaultCountry: string,
): { identities: Identity[]; email: string | null; phone: string | null; whatsappId: string | null } {
  const email = fields.email ? normalizeEmail(fields.email) : null;
  const phone = fields.phone ? normalizePhone(fields.phone, fields.country ?? defaultCountry) : null;
  const whatsappId = fields.whatsappId ? normalizeWhatsappId(fields.whatsappId) : null;
  const identities: Identity[] = [];
  if (email) identities.push({ kind: 'email', value: email });
  if (phone) identities.push({ kind: 'phone', value: phone });
  if (whatsappId) identities.push({ kind: 'whatsapp', value: whatsappId });
  if (fields.whatsappUserId?.trim()) identities.push({ kind: 'bsuid', value: fields.whatsappUserId.trim() });
  return { identities, email, phone, whatsappId };
}
