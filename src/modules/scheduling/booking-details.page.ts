import { escapeHtml, type PageLanguage } from '../../platform/http/html.ts';
import { bookingPage } from './booking-pages.ts';

// A team's booking page asks who the visitor is first: routing needs the lead to pick the rep.

const TEXT = {
  fr: {
    title: (team: string) => `Prendre rendez-vous avec l’équipe ${team}`,
    intro: 'Dites-nous qui vous êtes : nous vous proposons ensuite les créneaux de la bonne personne.',
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'E-mail',
    phone: 'Téléphone (facultatif)',
    company: 'Entreprise (facultatif)',
    consent: 'J’accepte d’être contacté(e) au sujet de ce rendez-vous.',
    next: 'Voir les créneaux',
    invalid: 'Vérifiez les champs : prénom, e-mail valide et accord requis.',
    noOne: 'Personne n’est disponible pour le moment',
    noOneText: 'Nous avons bien reçu votre demande et nous revenons vers vous rapidement.',
  },
  en: {
    title: (team: string) => `Book a meeting with the ${team} team`,
    intro: 'Tell us who you are: we then show you the times of the right person.',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    phone: 'Phone (optional)',
    company: 'Company (optional)',
    consent: 'I agree to be contacted about this meeting.',
    next: 'See the times',
    invalid: 'Please check the fields: first name, a valid e-mail and the agreement are required.',
    noOne: 'Nobody is available right now',
    noOneText: 'We have your request and will get back to you shortly.',
  },
} as const;

export interface TeamDetailsPageInput {
  language: PageLanguage;
  teamName: string;
  action: string;
  /** Carried to the rep's page: the visitor's time zone and the meeting type slug, when given. */
  hidden: Record<string, string>;
  values?: Record<string, string>;
  isInvalid?: boolean;
}

/** The details form of `/book/team/:teamSlug`: posted, it routes the lead to one of the team's reps. */
export function renderTeamDetailsPage(input: TeamDetailsPageInput): string {
  const text = TEXT[input.language];
  const value = (name: string) => escapeHtml(input.values?.[name] ?? '');
  const hidden = Object.entries({ ...input.hidden, lang: input.language })
    .map(([name, item]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(item)}">`)
    .join('');
  const body = `<h1>${escapeHtml(text.title(input.teamName))}</h1>
<p>${text.intro}</p>
${input.isInvalid ? `<p class="error" role="alert">${text.invalid}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">${hidden}
<label>${text.firstName} <input type="text" name="firstName" required maxlength="100" autocomplete="given-name" value="${value('firstName')}"></label>
<label>${text.lastName} <input type="text" name="lastName" maxlength="100" autocomplete="family-name" value="${value('lastName')}"></label>
<label>${text.email} <input type="email" name="email" required maxlength="320" autocomplete="email" value="${value('email')}"></label>
<label>${text.phone} <input type="tel" name="phone" maxlength="40" autocomplete="tel" value="${value('phone')}"></label>
<label>${text.company} <input type="text" name="company" maxlength="200" autocomplete="organization" value="${value('company')}"></label>
<label><input type="checkbox" name="consent" value="yes" required> ${text.consent}</label>
<button type="submit">${text.next}</button>
</form>`;
  return bookingPage(input.language, text.title(input.teamName), body);
}

/** Shown when routing found nobody who can take the meeting: the lead is kept all the same. */
export function renderNobodyAvailablePage(language: PageLanguage, message?: string | null): string {
  const text = TEXT[language];
  return bookingPage(
    language,
    text.noOne,
    `<h1>${text.noOne}</h1><p>${escapeHtml(message ?? text.noOneText)}</p>`,
  );
}
