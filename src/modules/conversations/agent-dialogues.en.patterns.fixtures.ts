/** Patterns the English scripted dialogues expect in the agent's replies. */
export const ASKS_NEED = /need|looking for|brings you|problem/i;
export const ASKS_TIMELINE = /(when|deadline|quarter)[^.!]*\?/i;
export const ASKS_BUDGET = /budget[^.!]*\?/i;
export const OFFERS_SLOTS = /time|slot/i;
export const BOOKED = /booked/i;
export const HANDED_OVER = /team|advisor/i;
export const OPTED_OUT = /(no|any) more messages|won't (receive|get)/i;
