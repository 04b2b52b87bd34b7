import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';

export const nurturingErrors = {
  invalidDefinition: (errors: { path: string; message: string }[]) =>
    new ValidationError(
      `The sequence definition is invalid: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`,
      errors,
      'SEQUENCE_INVALID',
    ),
  sequenceNotFound: (id: string) => new NotFoundError('SEQUENCE_NOT_FOUND', `Sequence ${id} does not exist.`),
  enrollmentNotFound: (id: string) =>
    new NotFoundError('ENROLLMENT_NOT_FOUND', `Enrolment ${id} does not exist.`),
  alreadyEnrolled: (leadId: string, enrollmentId: string) =>
    new ConflictError('SEQUENCE_ALREADY_ENROLLED', `Lead ${leadId} is already in this sequence.`, {
      enrollmentId,
    }),
  sequencePaused: (id: string) =>
    new ConflictError('SEQUENCE_PAUSED', `Sequence ${id} is paused: resume it before enrolling leads.`),
  invalidTemplate: (errors: { path: string; message: string }[]) =>
    new ValidationError(
      `The template is invalid: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`,
      errors,
      'TEMPLATE_INVALID',
    ),
  templateNotFound: (name: string) =>
    new NotFoundError('TEMPLATE_NOT_FOUND', `Template ${name} does not exist.`),
};
