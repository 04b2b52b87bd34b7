import type { Catalogue } from '../../../app/i18n.tsx';
import { sequencesEn } from './messages-sequences.en.ts';
import { sequencesFr } from './messages-sequences.fr.ts';

// The part-2 settings sections' words. Each section's words live in their own file (the sequences' in one
// per language) so that each file stays readable; this one gathers them.
export { routingMessages } from './messages-routing.ts';
export { schedulingMessages } from './messages-scheduling.ts';

export const sequencesMessages = { en: sequencesEn, fr: sequencesFr } satisfies Catalogue<
  keyof typeof sequencesEn
>;
