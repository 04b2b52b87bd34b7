import { escapeHtml, type PageLanguage } from '../../platform/http/html.ts';

export { type PageLanguage, pickPageLanguage } from '../../platform/http/html.ts';

const DEFAULT_MESSAGES: Record<PageLanguage, { title: string; message: string }> = {
  fr: { title: 'Merci', message: 'Merci, nous avons bien reçu votre demande.' },
  en: { title: 'Thank you', message: 'Thank you, we have received your request.' },
};

export function defaultSuccessMessage(language: PageLanguage): string {
  return DEFAULT_MESSAGES[language].message;
}

// What a routing form says when it does not end on a booking page and its setting gives no message.
const ROUTING_FORM_MESSAGES: Record<PageLanguage, Record<'disqualified' | 'not_now' | 'no_owner', string>> = {
  fr: {
    disqualified: 'Merci pour vos réponses. Notre offre ne semble pas adaptée à votre besoin pour le moment.',
    not_now: 'Merci pour vos réponses. Nous reviendrons vers vous au bon moment.',
    no_owner: 'Merci, nous avons bien reçu votre demande et revenons vers vous rapidement.',
  },
  en: {
    disqualified: 'Thank you for your answers. Our offer does not seem to fit your needs for now.',
    not_now: 'Thank you for your answers. We will be in touch at the right time.',
    no_owner: 'Thank you, we have your request and will get back to you shortly.',
  },
};

export function defaultRoutingFormMessage(
  language: PageLanguage,
  outcome: 'disqualified' | 'not_now' | 'no_owner',
): string {
  return ROUTING_FORM_MESSAGES[language][outcome];
}

/** The page a plain HTML form lands on when the form has no redirect of its own. */
export function renderThankYouPage(language: PageLanguage, message: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${DEFAULT_MESSAGES[language].title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}</style>
</head><body>
<h1>${DEFAULT_MESSAGES[language].title}</h1>
<p>${escapeHtml(message)}</p>
</body></html>`;
}
