import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';

export const accessErrors = {
  invalidCredentials: () => new AppError('AUTH_INVALID_CREDENTIALS', 'Email or password is wrong.', 401),
  invalidApiKey: () => new AppError('AUTH_INVALID_API_KEY', 'The API key is unknown or revoked.', 401),
  forbidden: (needed: string) =>
    new ForbiddenError('AUTH_FORBIDDEN', `This action needs the ${needed} role.`),
  userNotFound: (id: string) => new NotFoundError('USER_NOT_FOUND', `No user ${id} in this workspace.`),
  apiKeyNotFound: (id: string) =>
    new NotFoundError('API_KEY_NOT_FOUND', `No API key ${id} in this workspace.`),
  emailTaken: (email: string) =>
    new ConflictError('USER_EMAIL_TAKEN', `A user with email ${email} already exists.`),
  slugTaken: (slug: string) =>
    new ConflictError('USER_SLUG_TAKEN', `The slug ${slug} is already used in this workspace.`),
};
