import type { ConversationListItem } from './conversation-types.ts';

/** Waiting for a person first, then the rest, each by latest activity (as the API sorts them). */
export function mergeInboxPages(
  waiting: ConversationListItem[],
  all: ConversationListItem[],
): ConversationListItem[] {
  const waitingIds = new Set(waiting.map((item) => item.id));
  return [...waiting, ...all.filter((item) => !waitingIds.has(item.id))];
}

/** The changed conversation replaces its row and moves to the top of its group (waiting for a person, or not). */
export function placeChangedRow(
  rows: ConversationListItem[] | undefined,
  changed: ConversationListItem,
): ConversationListItem[] {
  const rest = (rows ?? []).filter((item) => item.id !== changed.id);
  const waiting = rest.filter((item) => item.needsHuman);
  const others = rest.filter((item) => !item.needsHuman);
  return changed.needsHuman ? [changed, ...waiting, ...others] : [...waiting, changed, ...others];
}
