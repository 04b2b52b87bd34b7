import { escapeHtml, type PageLanguage } from '../../platform/http/html.ts';

export { type PageLanguage, pickPageLanguage } from '../../platform/http/html.ts';

const DEFAULT_MESSAGES: Record<PageLanguage, { title: string; message: string }> = {
  fr: { title: 'Merci', message: 'Merci, nous avons bien reçu votre demande.' },
  en: { title: 'Thank you', message: 'Thank you, we have received your request.' },
};

export function defaultSuccessMessage(language: PageLanguage): string {
  return DEFAULT_MESSAGES[language].message;
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
