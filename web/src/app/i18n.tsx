import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

// French and English everywhere. Each screen keeps its own catalogue next to it (`messages.ts`) so screens
// are translated where they are written; `useT(catalogue)` picks the current language's text.

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export type Catalogue<K extends string = string> = { en: Record<K, string>; fr: Record<K, string> };

const STORAGE_KEY = 'chaud.locale';

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'fr' || saved === 'en') return saved;
  const preferred = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];
  for (const tag of preferred) {
    const base = tag.slice(0, 2).toLowerCase();
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  timeZone: string;
}

const LocaleContext = createContext<LocaleState>({ locale: 'en', setLocale: () => {}, timeZone: 'UTC' });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  document.documentElement.lang = locale;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const value = useMemo(() => ({ locale, setLocale, timeZone }), [locale, setLocale, timeZone]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** `t('key', { name: 'Ana' })` replaces `{name}` in the current language's text; unknown keys show the key. */
export function useT<K extends string>(
  catalogue: Catalogue<K>,
): (key: K, values?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return useCallback(
    (key: K, values?: Record<string, string | number>) => {
      const text = catalogue[locale][key] ?? catalogue.en[key] ?? key;
      return values
        ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
        : text;
    },
    [catalogue, locale],
  );
}

/** Dates, numbers and durations in the user's language and time zone. */
export function useFormat() {
  const { locale } = useLocale();
  return useMemo(() => {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(tag);
    const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
    const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
    return {
      tag,
      dateTime: (value: string | number | Date | null | undefined) =>
        value ? dateTime.format(new Date(value)) : '—',
      date: (value: string | number | Date | null | undefined) =>
        value ? date.format(new Date(value)) : '—',
      number: (value: number | null | undefined) =>
        value === null || value === undefined ? '—' : number.format(value),
      percent: (value: number | null | undefined) =>
        value === null || value === undefined ? '—' : percent.format(value),
      /** "3 minutes ago" / "il y a 3 minutes". */
      ago: (value: string | number | Date | null | undefined) => {
        if (!value) return '—';
        const seconds = (new Date(value).getTime() - Date.now()) / 1000;
        const units: [Intl.RelativeTimeFormatUnit, number][] = [
          ['day', 86_400],
          ['hour', 3_600],
          ['minute', 60],
        ];
        for (const [unit, size] of units)
          if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
        return relative.format(Math.round(seconds), 'second');
      },
      /** A duration in seconds as "45 s", "3 min", "2 h 5 min". */
      duration: (seconds: number | null | undefined) => {
        if (seconds === null || seconds === undefined) return '—';
        if (seconds < 60) return `${number.format(Math.round(seconds))} s`;
        if (seconds < 3600) return `${number.format(Math.round(seconds / 60))} min`;
        const hours = Math.floor(seconds / 3600);
        return `${number.format(hours)} h ${number.format(Math.round((seconds % 3600) / 60))} min`;
      },
    };
  }, [locale]);
}
