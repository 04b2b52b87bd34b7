import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';

export const leadErrors = {
  notFound: (id: string) => new NotFoundError('LEAD_NOT_FOUND', `No lead ${id} in this workspace.`),
  noIdentity: () =>
    new ValidationError(
      'A lead needs at least one of email, phone or whatsappId.',
      undefined,
      'LEAD_IDENTITY_REQUIRED',
    ),
  invalidEmail: (value: string) =>
    new ValidationError(`"${value}" is not a valid email address.`, { field: 'email' }, 'LEAD_EMAIL_INVALID'),
  invalidPhone: (value: string, country: string) =>
    new ValidationError(
      `"${value}" is not a valid phone number (numbers without a country code are read as ${country}).`,
      { field: 'phone' },
      'LEAD_PHONE_INVALID',
    ),
  invalidCursor: () =>
    new ValidationError('The cursor is not one this API returned.', undefined, 'LEAD_CURSOR_INVALID'),
  invalidEventType: (type: string) =>
    new ValidationError(
      `Unknown event type "${type}"; custom types start with "x-".`,
      undefined,
      'EVENT_TYPE_INVALID',
    ),
  mergeProposalNotFound: (id: string) =>
    new NotFoundError('MERGE_PROPOSAL_NOT_FOUND', `No merge proposal ${id}.`),
  mergeProposalClosed: (id: string) =>
    new ConflictError('MERGE_PROPOSAL_CLOSED', `Merge proposal ${id} was already decided.`),
  mergedLead: (id: string, into: string) =>
    new AppError('LEAD_MERGED', `Lead ${id} was merged into ${into}.`, 409, { mergedIntoId: into }),
};
