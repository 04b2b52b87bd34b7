export type PageLanguage = 'fr' | 'en';

/** French or English from Accept-Language (by preference weight); English when neither is asked for. */
export function pickPageLanguage(acceptLanguage: string | undefined): PageLanguage {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, position) => {
      const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
      const weight = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: weight === undefined ? 1 : Number(weight), position };
    })
    .filter((item) => item.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  for (const { tag } of ranked) {
    if (tag === 'fr' || tag.startsWith('fr-')) return 'fr';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const DEFAULT_MESSAGES: Record<PageLanguage, { title: string; message: string }> = {
  fr: { title: 'Merci', message: 'Merci, nous avons bien reçu votre demande.' },
  en: { title: 'Thank you', message: 'Thank you, we have received your request.' },
};

export function defaultSuccessMessage(language: PageLanguage): string {
  return DEFAULT_MESSAGES[language].message;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
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
