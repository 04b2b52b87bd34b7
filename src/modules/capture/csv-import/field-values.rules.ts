/** Lenient readings of the values spreadsheets hold for country, language, website and time zone. */

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

// Region codes ICU names that are not countries.
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'XB']);
const COUNTRY_ALIASES: Record<string, string> = { uk: 'GB', angleterre: 'GB', england: 'GB', usa: 'US' };

let countriesByName: Map<string, string> | null = null;

/** Folded French and English country names → ISO code, built once from ICU data (no table to maintain). */
function countryNames(): Map<string, string> {
  if (countriesByName) return countriesByName;
  const names = new Map<string, string>();
  const displays = [
    new Intl.DisplayNames(['fr'], { type: 'region' }),
    new Intl.DisplayNames(['en'], { type: 'region' }),
  ];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const first of letters) {
    for (const second of letters) {
      // Deprecated codes (UK, FX…) name the same country as their replacement: keep the canonical one.
      const code = Intl.getCanonicalLocales(`und-${first}${second}`)[0]?.slice(4) ?? '';
      if (code.length !== 2 || NOT_COUNTRIES.has(code)) continue;
      for (const display of displays) {
        const name = display.of(code);
        if (name && name !== code) {
          names.set(`${first}${second}`.toLowerCase(), code);
          names.set(fold(name), code);
        }
      }
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) names.set(alias, code);
  countriesByName = names;
  return names;
}

/** "FR", "fr", "France", "États-Unis", "United Kingdom" → ISO 3166 code; null when unknown. */
export function readCountry(value: string): string | null {
  return countryNames().get(fold(value)) ?? null;
}

const LANGUAGES: Record<string, 'fr' | 'en'> = {
  fr: 'fr',
  fra: 'fr',
  fre: 'fr',
  francais: 'fr',
  french: 'fr',
  en: 'en',
  eng: 'en',
  anglais: 'en',
  english: 'en',
};

/** "fr", "fr-FR", "Français", "English" → fr | en; null for other languages (leads speak fr or en). */
export function readLanguage(value: string): 'fr' | 'en' | null {
  const base = value.trim().split(/[-_]/)[0] ?? '';
  return LANGUAGES[fold(base)] ?? null;
}

const DOMAIN_PATTERN = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** "https://www.Acme.fr/contact", "www.acme.fr", "contact@acme.fr" → "acme.fr"; null when not a domain. */
export function readDomain(value: string): string | null {
  let domain = value.trim().toLowerCase();
  domain = domain.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  domain = domain.split(/[/?#]/)[0] ?? '';
  domain = domain.slice(domain.lastIndexOf('@') + 1);
  domain = domain
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return domain.length <= 253 && DOMAIN_PATTERN.test(domain) ? domain : null;
}

/** True for an IANA zone such as Europe/Paris. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
