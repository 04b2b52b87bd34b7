/** Consent ledger: append consent rows, read current consent and history. */

export type { ConsentInput, ConsentProof, ConsentState } from './privacy.service.ts';
export {
  CONSENT_PURPOSES,
  getConsentHistory,
  getCurrentConsents,
  getCurrentConsentsOfLeads,
  hasConsent,
  recordConsents,
  ZConsentInput,
} from './privacy.service.ts';
export { consents } from './privacy.tables.ts';
