import { ConflictError, ValidationError } from '../../platform/errors.ts';

export const qualificationErrors = {
  unknownStage: (stage: string, stages: readonly string[]) =>
    new ValidationError(`Unknown lifecycle stage "${stage}".`, { stages }, 'LIFECYCLE_STAGE_UNKNOWN'),
  reasonRequired: () =>
    new ValidationError(
      'A manual stage change needs a reason.',
      { field: 'reason' },
      'LIFECYCLE_REASON_REQUIRED',
    ),
  alreadyAtStage: (stage: string) =>
    new ConflictError('LIFECYCLE_ALREADY_AT_STAGE', `The lead is already at stage ${stage}.`, { stage }),
  confirmationNotAllowed: (stage: string) =>
    new ConflictError(
      'LIFECYCLE_CONFIRMATION_NOT_ALLOWED',
      `A lead at stage ${stage} cannot be confirmed as SQL; move it by hand with a reason instead.`,
      { stage },
    ),
  unknownBantField: (field: string, fields: readonly string[]) =>
    new ValidationError(`Unknown BANT field "${field}".`, { fields }, 'BANT_FIELD_UNKNOWN'),
  invalidBantValue: (field: string, details: { path: string; message: string }[]) =>
    new ValidationError(`Invalid value for BANT field ${field}.`, details, 'BANT_VALUE_INVALID'),
  unknownNeedCategory: (category: string, categories: string[]) =>
    new ValidationError(
      `"${category}" is not one of this workspace's need categories.`,
      { categories },
      'BANT_NEED_CATEGORY_UNKNOWN',
    ),
};
