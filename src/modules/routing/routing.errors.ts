import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';

export const routingErrors = {
  unknownUser: (userId: string) =>
    new ValidationError(`User ${userId} is not a member of this workspace.`, { userId }, 'USER_NOT_FOUND'),
  unknownTeam: (teamId: string) =>
    new ValidationError(`Team ${teamId} does not exist in this workspace.`, { teamId }, 'TEAM_NOT_FOUND'),
  teamSlugTaken: (slug: string) =>
    new ConflictError('TEAM_SLUG_TAKEN', `A team already uses the slug "${slug}".`),
  teamNotFound: (id: string) => new NotFoundError('TEAM_NOT_FOUND', `Team ${id} does not exist.`),
  teamInUse: (id: string, ruleNames: string[]) =>
    new ConflictError(
      'TEAM_IN_USE',
      `Team ${id} is the target of routing rules (${ruleNames.join(', ')}): delete or change them first.`,
      { ruleNames },
    ),
  ruleNotFound: (id: string) =>
    new NotFoundError('ROUTING_RULE_NOT_FOUND', `Routing rule ${id} does not exist.`),
};
