/** Capture channels: the REST capture endpoint, public forms, CSV import. */
export { captureRoutes } from './capture.routes.ts';
export { type CreateLeadInput, ZCreateLeadInput } from './capture.schemas.ts';
