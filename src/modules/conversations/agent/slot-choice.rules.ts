/**
 * Which offered booking slot the lead picked: by the id of the tapped button or list row, or by
 * words in a short reply ("le deuxième", "2", "mardi 10h", "the second one", an e-mail answer "1").
 */
import { DateTime } from 'luxon';
import { declinesOffer, foldMessage } from './turn-signals.rules.ts';

export const SLOT_CHOICE_PREFIX = 'slot:';

export function slotChoiceId(iso: string): string {
  return `${SLOT_CHOICE_PREFIX}${iso}`;
}

/** The offered slot a tapped choice stands for; null for any other id or a slot never offered. */
export function slotFromChoiceId(
  choiceId: string | null | undefined,
  offered: readonly string[],
): string | null {
  if (!choiceId?.startsWith(SLOT_CHOICE_PREFIX)) return null;
  const ms = Date.parse(choiceId.slice(SLOT_CHOICE_PREFIX.length));
  if (Number.isNaN(ms)) return null;
  return offered.find((slot) => Date.parse(slot) === ms) ?? null;
}

const ORDINALS: [RegExp, number][] = [
  [/\b(?:premier|premiere|1er|1ere|first|1st)\b/, 0],
  [/\b(?:deuxieme|second|seconde|2e|2eme|2nd)\b/, 1],
  [/\b(?:troisieme|third|3e|3eme|3rd)\b/, 2],
  [/\b(?:dernier|derniere|last)\b/, -1],
];
// The whole reply is a number, maybe with a word around it: "2", "le 2", "option 3", "n°1 svp".
const BARE_NUMBER =
  /^(?:(?:le|la|l'|option|choix|creneau|number|no|n°|#|slot|numero)\s*)?([1-9])(?:\s*(?:er|ere|e|eme))?(?:\s+(?:svp|stp|please|merci|thanks|thank you))?$/;

const WEEKDAYS: [RegExp, number][] = [
  [/\b(?:lundi|lun|monday|mon)\b/, 1],
  [/\b(?:mardi|mar|tuesday|tue|tues)\b/, 2],
  [/\b(?:mercredi|mer|wednesday|wed)\b/, 3],
  [/\b(?:jeudi|jeu|thursday|thu|thurs)\b/, 4],
  [/\b(?:vendredi|ven|friday|fri)\b/, 5],
  [/\b(?:samedi|sam|saturday|sat)\b/, 6],
  [/\b(?:dimanche|dim|sunday|sun)\b/, 7],
];

function readHour(folded: string): { hour: number; minute: number | null } | null {
  const twelveHour = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/.exec(folded);
  if (twelveHour) {
    const hour = (Number(twelveHour[1]) % 12) + (twelveHour[3] === 'pm' ? 12 : 0);
    return { hour, minute: twelveHour[2] ? Number(twelveHour[2]) : null };
  }
  const clock = /\b(\d{1,2})\s*(?:h|:)\s*(\d{2})?\b/.exec(folded);
  if (!clock) return null;
  const hour = Number(clock[1]);
  if (hour > 23) return null;
  return { hour, minute: clock[2] ? Number(clock[2]) : null };
}

/**
 * The offered slot a short text reply designates, or null when it names none or several. Slots
 * are read in `timezone`, the zone their titles were shown in.
 */
export function matchSlotChoiceText(
  text: string,
  offered: readonly string[],
  timezone: string,
): string | null {
  const folded = foldMessage(text).replace(/[.!]+$/, '');
  if (offered.length === 0 || folded.length === 0 || folded.length > 60) return null;

  const number = BARE_NUMBER.exec(folded);
  if (number) return offered[Number(number[1]) - 1] ?? null;
  for (const [pattern, index] of ORDINALS) {
    if (pattern.test(folded)) return (index < 0 ? offered.at(index) : offered[index]) ?? null;
  }

  const weekday = WEEKDAYS.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
  const time = readHour(folded);
  if (weekday === null && time === null) return null;
  const matches = offered.filter((slot) => {
    const local = DateTime.fromISO(slot, { zone: timezone });
    if (weekday !== null && local.weekday !== weekday) return false;
    if (time && (local.hour !== time.hour || (time.minute !== null && local.minute !== time.minute)))
      return false;
    return true;
  });
  return matches.length === 1 ? matches[0]! : null;
}

// Words of a time of day a lead may name to move a meeting ("demain matin", "in the afternoon").
const TIME_OF_DAY =
  /\b(?:demain|apres-demain|matin|matinee|apres-midi|aprem|soir|midi|tomorrow|morning|afternoon|evening|noon)\b/;

/** The reply names a day, an hour, a rank or a number: the lead is picking (or moving) a time. */
export function namesSlotWords(folded: string): boolean {
  return (
    BARE_NUMBER.test(folded) ||
    ORDINALS.some(([pattern]) => pattern.test(folded)) ||
    WEEKDAYS.some(([pattern]) => pattern.test(folded)) ||
    readHour(folded) !== null ||
    TIME_OF_DAY.test(folded)
  );
}

/**
 * What a reply to offered slots says about them: one chosen, all turned down, a time named that
 * is not offered (`missed`: "vendredi 11h" when Friday 10:00 was), or nothing about them.
 */
export type SlotReply =
  | { kind: 'chosen'; slot: string }
  | { kind: 'declined' }
  | { kind: 'missed' }
  | { kind: 'none' };

export function readSlotReply(input: {
  text: string;
  offered: readonly string[];
  timezone: string;
  /** A plain yes ("oui", "ok", or the classifier's affirm on a short reply). */
  isYes: boolean;
  /** The classifier read a request to move the meeting. */
  isReschedule: boolean;
}): SlotReply {
  const folded = foldMessage(input.text);
  if (input.offered.length === 0) return { kind: 'none' };
  // "Aucun ne me convient", "none of these work": a refusal, whatever else it names.
  if (declinesOffer(folded)) return { kind: 'declined' };
  const matched = matchSlotChoiceText(input.text, input.offered, input.timezone);
  if (matched) return { kind: 'chosen', slot: matched };
  // A single slot offered: "oui" / "ok" takes it.
  if (input.offered.length === 1 && input.isYes) return { kind: 'chosen', slot: input.offered[0]! };
  if (input.isReschedule || namesSlotWords(folded)) return { kind: 'missed' };
  return { kind: 'none' };
}
