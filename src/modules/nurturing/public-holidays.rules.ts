// Public holidays, so that "wait 3 business days" does not land a follow-up on 1 May or Christmas Day.
// Countries known: France (metropolitan) and Belgium, Chaud's first markets; elsewhere only weekends count.

type Holiday = { month: number; day: number } | { easterOffset: number };

const HOLIDAYS: Record<string, Holiday[]> = {
  FR: [
    { month: 1, day: 1 },
    { easterOffset: 1 }, // lundi de Pâques
    { month: 5, day: 1 },
    { month: 5, day: 8 },
    { easterOffset: 39 }, // Ascension
    { easterOffset: 50 }, // lundi de Pentecôte
    { month: 7, day: 14 },
    { month: 8, day: 15 },
    { month: 11, day: 1 },
    { month: 11, day: 11 },
    { month: 12, day: 25 },
  ],
  BE: [
    { month: 1, day: 1 },
    { easterOffset: 1 },
    { month: 5, day: 1 },
    { easterOffset: 39 },
    { easterOffset: 50 },
    { month: 7, day: 21 },
    { month: 8, day: 15 },
    { month: 11, day: 1 },
    { month: 11, day: 11 },
    { month: 12, day: 25 },
  ],
};

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm), as month and day. */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/** Whether a calendar date (in the lead's zone) is a public holiday in `country` (ISO 3166 alpha-2). */
export function isPublicHoliday(
  date: { year: number; month: number; day: number },
  country: string | null,
): boolean {
  const holidays = country ? HOLIDAYS[country.toUpperCase()] : undefined;
  if (!holidays) return false;
  const easter = easterSunday(date.year);
  const easterUtc = Date.UTC(date.year, easter.month - 1, easter.day);
  const dayUtc = Date.UTC(date.year, date.month - 1, date.day);
  return holidays.some((holiday) =>
    'easterOffset' in holiday
      ? dayUtc - easterUtc === holiday.easterOffset * 86_400_000
      : holiday.month === date.month && holiday.day === date.day,
  );
}
