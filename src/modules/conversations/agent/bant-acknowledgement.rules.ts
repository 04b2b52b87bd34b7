import type { BantField } from '../../qualification/index.ts';
import type { AgentLanguage, BantUpdate } from './agent.types.ts';
import type { DateContext, PhraseContext } from './agent-phrases.shared.ts';
import { phrasesFor } from './agent-phrases.ts';

/** "Noté : un budget d'environ 15 000 €…" for what this turn recorded; a plain thanks when nothing reads well. */
export function acknowledgeUpdates(
  updates: readonly BantUpdate[],
  language: AgentLanguage,
  ctx: PhraseContext,
  dates: DateContext,
): string | null {
  if (updates.length === 0) return null;
  const phrases = phrasesFor(language);
  const items = ACKNOWLEDGE_ORDER.flatMap((field) => {
    const update = updates.find((candidate) => candidate.field === field);
    if (!update) return [];
    const item = describeUpdate(update, language, ctx, dates);
    return item ? [item] : [];
  });
  return items.length > 0 ? phrases.noted(items, ctx) : phrases.thanksForDetails(ctx);
}

// Money and dates first: they are what the lead most wants to see read back right.
const ACKNOWLEDGE_ORDER: readonly BantField[] = ['budget', 'timeline', 'authority', 'need'];

function describeUpdate(
  update: BantUpdate,
  language: AgentLanguage,
  ctx: PhraseContext,
  dates: DateContext,
): string | null {
  const phrases = phrasesFor(language);
  switch (update.field) {
    case 'budget':
      return phrases.budgetItem(update.value);
    case 'timeline':
      return phrases.timelineItem(update.value, dates);
    case 'authority':
      return phrases.authorityItem(update.value, ctx);
    case 'need':
      return phrases.needItem(update.value);
  }
}
