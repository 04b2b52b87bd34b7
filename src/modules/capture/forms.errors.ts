import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';

/** One problem in a submission or a definition, named by the form field (or definition path) it concerns. */
export interface FormProblem {
  field: string;
  message: string;
}

export const formErrors = {
  // One answer for unknown and archived forms (and other workspaces' forms): a key reveals nothing.
  notFound: (reference: string) =>
    new NotFoundError('FORM_NOT_FOUND', `No active form ${reference} in this workspace.`),
  publicNotFound: () => new NotFoundError('FORM_NOT_FOUND', 'This form does not exist or is closed.'),
  archived: (id: string) =>
    new ConflictError('FORM_ARCHIVED', `Form ${id} is archived; archived forms cannot be edited.`),
  definitionInvalid: (problems: FormProblem[]) =>
    new ValidationError(
      `The form definition has ${problems.length} problem(s): ${problems.map((problem) => problem.message).join('; ')}.`,
      problems,
      'FORM_DEFINITION_INVALID',
    ),
  fieldRequired: (fields: string[]) =>
    new ValidationError(
      `Please fill in the required field(s): ${fields.join(', ')}.`,
      { fields },
      'FORM_FIELD_REQUIRED',
    ),
  consentRequired: (fields: string[]) =>
    new ValidationError(
      `Please accept the required consent(s): ${fields.join(', ')}.`,
      { fields },
      'FORM_CONSENT_REQUIRED',
    ),
  fieldInvalid: (problems: FormProblem[]) =>
    new ValidationError(
      `Some answers are not valid: ${problems.map((problem) => `${problem.field} (${problem.message})`).join(', ')}.`,
      { fields: problems },
      'FORM_FIELD_INVALID',
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(
      'RATE_LIMITED',
      `Too many submissions from this address; retry in ${retryAfterSeconds} s.`,
      429,
      { retryAfterSeconds },
    ),
};
