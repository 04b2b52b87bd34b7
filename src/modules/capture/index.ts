/** Capture channels: the REST capture endpoint, public forms, CSV import. */
export { captureRoutes } from './capture.routes.ts';
export { type CreateLeadInput, ZCreateLeadInput } from './capture.schemas.ts';
/** `chaud export leads`: streamed CSV (BOM, formula-safe) or JSON lines export of a workspace's leads. */
export { exportLeads, type LeadExportFormat } from './csv-export/csv-export.service.ts';
/** `chaud import`: streamed CSV import of leads (sniffing, header mapping, batched captures, error report). */
export { CSV_IMPORT_USAGE_CODES } from './csv-import/csv-import.errors.ts';
export { parseConsentOption, resolveWorkspaceId } from './csv-import/csv-import.options.ts';
export { DEFAULT_IMPORT_BATCH_SIZE, importLeadsFromCsv } from './csv-import/csv-import.service.ts';
export { IMPORT_TARGETS, parseMapOption } from './csv-import/header-mapping.rules.ts';
export {
  formatCount,
  formatImportProgress,
  formatImportSummary,
  type ImportProgress,
} from './csv-import/import-progress.rules.ts';
/** Lead attribute key of an unmapped form answer (`form_<field name>`), for rules that read answers. */
export { attributeKeyFor } from './form-submission.rules.ts';
/** Forms API (`/api/v1/forms`), the public submission endpoint (`/f/:formKey`) and the embeddable widget. */
export { formsRoutes } from './forms.routes.ts';
export {
  type CreateFormInput,
  type FormDto,
  MAPPABLE_LEAD_FIELDS,
  type UpdateFormInput,
  ZCreateFormInput,
  ZForm,
  ZUpdateFormInput,
} from './forms.schemas.ts';
/** Form use cases, scoped by the caller's workspace (the public key lookup aside). */
export {
  archiveForm,
  createForm,
  findActiveFormByKey,
  getForm,
  listForms,
  updateForm,
} from './forms.service.ts';
