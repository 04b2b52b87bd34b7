/** Consent ledger: append consent rows, read current consent and history. */

export { type PrivacyRoutesOptions, privacyRoutes } from './privacy.routes.ts';
export type { ConsentInput, ConsentProof, ConsentState } from './privacy.service.ts';
export {
  CONSENT_PURPOSES,
  deleteConsentsForLeads,
  getConsentHistory,
  getCurrentConsents,
  getCurrentConsentsOfLeads,
  hasConsent,
  recordConsentHistory,
  recordConsents,
  recordConsentsOfLeads,
  ZConsentInput,
} from './privacy.service.ts';
export { consents } from './privacy.tables.ts';
