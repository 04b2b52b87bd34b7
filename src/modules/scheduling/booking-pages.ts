import { DateTime } from 'luxon';
import { escapeHtml, type PageLanguage } from '../../platform/http/html.ts';

// Server-rendered booking pages: plain HTML forms, no script, readable on a phone.

const TEXT = {
  fr: {
    title: (name: string) => `Prendre rendez-vous avec ${name}`,
    zone: 'Fuseau horaire',
    show: 'Afficher',
    none: 'Aucun créneau libre sur cette période.',
    later: 'Semaine suivante',
    you: 'Vos coordonnées',
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'E-mail',
    phone: 'Téléphone (facultatif)',
    consent: 'J’accepte d’être contacté(e) au sujet de ce rendez-vous.',
    book: 'Réserver',
    booked: 'Rendez-vous confirmé',
    bookedText: (when: string) => `C’est noté pour ${when}. Une invitation vous a été envoyée par e-mail.`,
    manage: 'Gérer ce rendez-vous',
    cancel: 'Annuler le rendez-vous',
    cancelled: 'Rendez-vous annulé',
    reschedule: 'Choisir un autre créneau',
    taken: 'Ce créneau vient d’être pris : choisissez-en un autre.',
    invalid: 'Ce lien n’est pas valide ou a expiré.',
    duration: (minutes: number) => `${minutes} min`,
    bookingFor: (name: string) => `Rendez-vous pour ${name}`,
  },
  en: {
    title: (name: string) => `Book a meeting with ${name}`,
    zone: 'Time zone',
    show: 'Show',
    none: 'No free slot in this period.',
    later: 'Next week',
    you: 'Your details',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    phone: 'Phone (optional)',
    consent: 'I agree to be contacted about this meeting.',
    book: 'Book',
    booked: 'Meeting confirmed',
    bookedText: (when: string) => `See you ${when}. An invitation was sent to your e-mail.`,
    manage: 'Manage this meeting',
    cancel: 'Cancel the meeting',
    cancelled: 'Meeting cancelled',
    reschedule: 'Pick another time',
    taken: 'This time was just taken: please pick another one.',
    invalid: 'This link is not valid or has expired.',
    duration: (minutes: number) => `${minutes} min`,
    bookingFor: (name: string) => `Booking for ${name}`,
  },
} as const;

/** The consent a booking page's box records, word for word (rep and team pages alike). */
export const BOOKING_PAGE_CONSENT = {
  purpose: 'sales_contact',
  channel: 'any',
  granted: true,
  text: 'Booking page: agreed to be contacted about this meeting.',
} as const;

export const PAGE_ZONES = [
  'Europe/Paris',
  'Europe/London',
  'Europe/Brussels',
  'Europe/Zurich',
  'Europe/Berlin',
  'Europe/Madrid',
  'America/New_York',
  'America/Montreal',
  'America/Los_Angeles',
  'Africa/Casablanca',
  'Asia/Dubai',
  'Asia/Singapore',
  'UTC',
];

/** The shell every public scheduling page shares: no script, readable on a phone. */
export function bookingPage(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
fieldset{border:1px solid #d0d7de;border-radius:8px;margin:1rem 0}label{display:block;margin:.4rem 0}
input[type=text],input[type=email],input[type=tel],select{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
.day{margin:1rem 0}.slots{display:flex;flex-wrap:wrap;gap:.5rem}.slots label{border:1px solid #0969da;border-radius:6px;padding:.4rem .7rem}
button{background:#0969da;color:#fff;border:0;border-radius:6px;padding:.6rem 1.2rem;font:inherit;margin-top:.5rem}
.error{color:#cf222e;font-weight:600}</style></head><body>${body}</body></html>`;
}

export interface SlotPageInput {
  language: PageLanguage;
  repName: string;
  meetingType: { name: string; durationMinutes: number; slug: string };
  zone: string;
  slots: { start: Date }[];
  action: string;
  nextWeekUrl: string;
  error?: 'taken' | null;
  values?: Record<string, string>;
  /** A signed reschedule token: the page moves that booking, no details asked again. */
  reschedule?: string;
  /** A signed lead token (routing form, team page): books for that lead, no details asked again. */
  bookingFor?: { token: string; name: string };
}

/** The slot picker and the lead's details in one form (a radio per slot, grouped by day). */
export function renderSlotPage(input: SlotPageInput): string {
  const text = TEXT[input.language];
  const locale = input.language === 'fr' ? 'fr-FR' : 'en-GB';
  const byDay = new Map<string, { start: Date }[]>();
  for (const slot of input.slots) {
    const day = DateTime.fromJSDate(slot.start).setZone(input.zone).setLocale(locale).toFormat('cccc d LLLL');
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const value = (name: string) => escapeHtml(input.values?.[name] ?? '');
  const days = [...byDay.entries()]
    .map(
      ([day, slots]) =>
        `<div class="day"><strong>${escapeHtml(day)}</strong><div class="slots">${slots
          .map((slot) => {
            const iso = slot.start.toISOString();
            const label = DateTime.fromJSDate(slot.start).setZone(input.zone).toFormat('HH:mm');
            return `<label><input type="radio" name="start" value="${iso}" required${input.values?.start === iso ? ' checked' : ''}> ${label}</label>`;
          })
          .join('')}</div></div>`,
    )
    .join('');
  const zones = PAGE_ZONES.includes(input.zone) ? PAGE_ZONES : [input.zone, ...PAGE_ZONES];
  const body = `<h1>${escapeHtml(text.title(input.repName))}</h1>
<p>${escapeHtml(input.meetingType.name)} · ${text.duration(input.meetingType.durationMinutes)}</p>
<form method="get"><label>${text.zone} <select name="tz">${zones
    .map((zone) => `<option${zone === input.zone ? ' selected' : ''}>${escapeHtml(zone)}</option>`)
    .join(
      '',
    )}</select></label><input type="hidden" name="lang" value="${input.language}"><button type="submit">${text.show}</button></form>
${input.error === 'taken' ? `<p class="error" role="alert">${text.taken}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="tz" value="${escapeHtml(input.zone)}"><input type="hidden" name="lang" value="${input.language}">
<input type="hidden" name="type" value="${escapeHtml(input.meetingType.slug)}">
${input.reschedule ? `<input type="hidden" name="reschedule" value="${escapeHtml(input.reschedule)}">` : ''}
${input.bookingFor ? `<input type="hidden" name="lead" value="${escapeHtml(input.bookingFor.token)}"><p>${escapeHtml(text.bookingFor(input.bookingFor.name))}</p>` : ''}
${days || `<p>${text.none}</p>`}
<p><a href="${escapeHtml(input.nextWeekUrl)}">${text.later} →</a></p>
${
  input.reschedule || input.bookingFor
    ? ''
    : `<fieldset><legend>${text.you}</legend>
<label>${text.firstName} <input type="text" name="firstName" required maxlength="100" value="${value('firstName')}"></label>
<label>${text.lastName} <input type="text" name="lastName" maxlength="100" value="${value('lastName')}"></label>
<label>${text.email} <input type="email" name="email" required maxlength="320" value="${value('email')}"></label>
<label>${text.phone} <input type="tel" name="phone" maxlength="40" value="${value('phone')}"></label>
<label><input type="checkbox" name="consent" value="yes" required> ${text.consent}</label>
</fieldset>`
}
<button type="submit">${text.book}</button>
</form>`;
  return bookingPage(input.language, text.title(input.repName), body);
}

export function renderBookedPage(
  language: PageLanguage,
  input: { start: Date; zone: string; manageUrl: string },
): string {
  const text = TEXT[language];
  const when = DateTime.fromJSDate(input.start)
    .setZone(input.zone)
    .setLocale(language === 'fr' ? 'fr-FR' : 'en-GB')
    .toFormat(language === 'fr' ? "cccc d LLLL 'à' HH:mm (ZZZZ)" : "cccc d LLLL 'at' HH:mm (ZZZZ)");
  return bookingPage(
    language,
    text.booked,
    `<h1>${text.booked}</h1><p>${escapeHtml(text.bookedText(when))}</p><p><a href="${escapeHtml(input.manageUrl)}">${text.manage}</a></p>`,
  );
}

export function renderManagePage(
  language: PageLanguage,
  input: { start: Date; zone: string; status: string; cancelAction: string; rescheduleUrl: string },
): string {
  const text = TEXT[language];
  const when = DateTime.fromJSDate(input.start)
    .setZone(input.zone)
    .setLocale(language === 'fr' ? 'fr-FR' : 'en-GB')
    .toFormat('cccc d LLLL HH:mm (ZZZZ)');
  if (input.status === 'cancelled')
    return bookingPage(language, text.cancelled, `<h1>${text.cancelled}</h1><p>${escapeHtml(when)}</p>`);
  return bookingPage(
    language,
    text.manage,
    `<h1>${text.manage}</h1><p>${escapeHtml(when)}</p>
<form method="post" action="${escapeHtml(input.cancelAction)}"><button type="submit">${text.cancel}</button></form>
<p><a href="${escapeHtml(input.rescheduleUrl)}">${text.reschedule}</a></p>`,
  );
}

export function renderInvalidLinkPage(language: PageLanguage): string {
  return bookingPage(language, TEXT[language].invalid, `<h1>${TEXT[language].invalid}</h1>`);
}
