/** Patterns the French scripted dialogues expect in the agent's replies. */
export const ASKS_NEED = /besoin|problème/i;
export const ASKS_TIMELINE = /(quand|échéance|trimestre)[^.!]*\?/i;
export const ASKS_BUDGET = /(budget|enveloppe)[^.!]*\?/i;
export const OFFERS_SLOTS = /créneau/i;
export const BOOKED = /noté pour|réservé/i;
export const HANDED_OVER = /équipe|conseiller/i;
export const OPTED_OUT = /plus de messages/i;
