import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';

export const predictiveErrors = {
  notEnoughData: (counts: {
    labelled: number;
    won: number;
    lost: number;
    minimumLabelled: number;
    minimumPerClass: number;
  }) =>
    new ValidationError(
      `Not enough leads with a known outcome to train a model: ${counts.labelled} labelled (${counts.won} won, ${counts.lost} lost); ` +
        `at least ${counts.minimumLabelled} are needed, with ${counts.minimumPerClass} or more of each outcome.`,
      counts,
      'MODEL_NOT_ENOUGH_DATA',
    ),
  noFeatures: (excluded: { column: string; reason: string }[]) =>
    new ValidationError(
      'Every feature was left out (see details): nothing to learn from.',
      { excluded },
      'MODEL_NO_FEATURES',
    ),
  tooLargeForRequest: (leads: number, maximum: number) =>
    new ConflictError(
      'MODEL_TRAINING_TOO_LARGE',
      `The workspace has ${leads} leads; training in a request is limited to ${maximum}. Run 'chaud model train --workspace ID' instead.`,
      { leads, maximum },
    ),
  modelNotFound: () =>
    new NotFoundError('MODEL_NOT_FOUND', 'The workspace has no trained model yet: train one first.'),
  predictionNotFound: (leadId: string) =>
    new NotFoundError(
      'PREDICTION_NOT_FOUND',
      `No prediction for lead ${leadId}: the workspace has no trained model, or it has not scored this lead yet.`,
    ),
};
