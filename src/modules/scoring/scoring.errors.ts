import { NotFoundError, ValidationError } from '../../platform/errors.ts';

export const scoringErrors = {
  duplicateRuleId: (id: string) =>
    new ValidationError(`Two rules have the id "${id}".`, { path: 'rules' }, 'SCORING_RULE_DUPLICATE_ID'),
  invalidGrid: (details: { path: string; message: string }[]) =>
    new ValidationError('The scoring grid is invalid.', details, 'SCORING_GRID_INVALID'),
  ruleNotFound: (id: string) => new NotFoundError('SCORING_RULE_NOT_FOUND', `No rule "${id}" in the grid.`),
};
