/** Amounts, dates, slots and lists as a lead reads them, in the conversation's language and zone. */
import { DateTime } from 'luxon';
import type { AgentLanguage, KnownBant } from './agent.types.ts';

const LOCALES: Record<AgentLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "15 000 €" / "€15,000"; cents only when the lead gave some. */
export function formatMoney(amount: number, currency: string, language: AgentLanguage): string {
  const hasCents = !Number.isInteger(amount);
  try {
    return new Intl.NumberFormat(LOCALES[language], {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: hasCents ? 2 : 0,
      maximumFractionDigits: hasCents ? 2 : 0,
    }).format(amount);
  } catch {
    // An ISO code Intl does not know still reads fine as "15 000 XYZ".
    return `${new Intl.NumberFormat(LOCALES[language]).format(amount)} ${currency}`;
  }
}

/**
 * A timeline's date as a deadline: "fin décembre" / "the end of December" when it is a month's
 * last day (how "fin du trimestre" resolves), else "le 24 janvier" / "24 January"; the year only
 * when it is not the current one in the lead's zone.
 */
export function formatDeadline(
  isoDate: string,
  language: AgentLanguage,
  now: Date,
  timezone: string,
): string {
  const date = DateTime.fromISO(isoDate, { zone: timezone }).setLocale(LOCALES[language]);
  if (!date.isValid) return isoDate;
  const currentYear = DateTime.fromJSDate(now, { zone: timezone }).year;
  const year = date.year === currentYear ? '' : ` ${date.year}`;
  const isMonthEnd = date.day === date.daysInMonth;
  if (language === 'fr') {
    if (isMonthEnd) return `fin ${date.toFormat('LLLL')}${year}`;
    return `le ${date.day === 1 ? '1er' : date.day} ${date.toFormat('LLLL')}${year}`;
  }
  if (isMonthEnd) return `the end of ${date.toFormat('LLLL')}${year}`;
  return `${date.toFormat('d LLLL')}${year}`;
}

/** A button or list-row title: "mar. 1 déc. 10:00" / "Tue 1 Dec 10:00" (≤ 20 characters). */
export function formatSlotTitle(slot: Date, language: AgentLanguage, timezone: string): string {
  return DateTime.fromJSDate(slot, { zone: timezone })
    .setLocale(LOCALES[language])
    .toFormat('ccc d LLL HH:mm');
}

/** "mardi 1 décembre à 10:00 (heure de Paris)" / "Tuesday 1 December at 10:00 (Paris time)". */
export function formatSlotLong(slot: Date, language: AgentLanguage, timezone: string): string {
  const local = DateTime.fromJSDate(slot, { zone: timezone }).setLocale(LOCALES[language]);
  const city = zoneLabel(timezone);
  if (language === 'fr') {
    const day = local.day === 1 ? '1er' : String(local.day);
    const zone = city === 'UTC' ? 'heure UTC' : `heure de ${city}`;
    return `${local.toFormat('cccc')} ${day} ${local.toFormat('LLLL')} à ${local.toFormat('HH:mm')} (${zone})`;
  }
  return `${local.toFormat("cccc d LLLL 'at' HH:mm")} (${city} time)`;
}

/** "Europe/Paris" → "Paris", "America/New_York" → "New York": how people name their time. */
export function zoneLabel(timezone: string): string {
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return 'UTC';
  const city = timezone.split('/').at(-1) ?? timezone;
  return city.replaceAll('_', ' ');
}

/** "A, B et C" / "A, B and C". */
export function joinList(items: readonly string[], language: AgentLanguage): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items.at(-1)!;
  return `${items.slice(0, -1).join(', ')} ${language === 'fr' ? 'et' : 'and'} ${last}`;
}

/**
 * French puts a non-breaking space before ? ! : ; and inside « », so a question mark never wraps
 * alone onto a new line of a phone screen. Spaces already typed are replaced, none is doubled.
 */
export function applyFrenchTypography(text: string): string {
  // Links are left as typed: "?" in a query string must stay glued.
  return text
    .split(/(https?:\/\/\S+)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/(\S)[ \u00a0]*([?!;»])(?=\s|$)/gu, '$1\u00a0$2')
            .replace(/(\S)[ \u00a0]+:(?=\s|$)/gu, '$1\u00a0:')
            .replace(/«[ \u00a0]*/g, '«\u00a0'),
    )
    .join('');
}

/**
 * BANT in one line for the verdict reason the sales team reads: "need: … · timeline: 2026-12-31 ·
 * budget: 15000 EUR · authority: decision_maker". Raw values, not the lead's language.
 */
export function summarizeBant(known: KnownBant): string {
  const parts: string[] = [];
  if (known.need) parts.push(`need: ${truncate(known.need.value.text, 80)}`);
  if (known.timeline) {
    const timeline = known.timeline.value;
    parts.push(`timeline: ${timeline.kind === 'date' ? timeline.date : timeline.horizon}`);
  }
  if (known.budget) {
    const budget = known.budget.value;
    const text =
      budget.kind === 'none'
        ? 'none'
        : budget.kind === 'amount'
          ? `${budget.amount} ${budget.currency}`
          : `${budget.min}-${budget.max} ${budget.currency}`;
    parts.push(`budget: ${text}`);
  }
  if (known.authority) parts.push(`authority: ${known.authority.value}`);
  return parts.length > 0 ? parts.join(' · ') : 'no BANT answer yet';
}

function truncate(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
