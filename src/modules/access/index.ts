/** Workspaces, users, roles, API keys and sessions. */

export { ensureInitialWorkspace, type InitialCredentials } from './access.bootstrap.ts';
export { accessRoutes } from './access.routes.ts';
export { type CreateUserInput, type UserDto, ZCreateUserInput, ZRole, ZUser } from './access.schemas.ts';
export {
  assertRole,
  authenticateApiKey,
  authenticateSession,
  createApiKey,
  createUser,
  createWorkspace,
  deleteUsers,
  getUser,
  hashToken,
  insertUsersWithoutLogin,
  listApiKeys,
  listUsers,
  logIn,
  logOut,
  revokeApiKey,
} from './access.service.ts';
export { apiKeys, sessions, users, workspaces } from './access.tables.ts';
