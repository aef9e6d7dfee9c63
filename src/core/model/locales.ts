// The languages the explanations are written in. LOCALES is the one list: the CLI's --lang
// choices come from it, and every table keyed by Locale (Localized<…>) stops compiling until a
// new language has its entry. No imports: the extension's activation reads the setting with
// `toLocale`, and this must not pull the catalogue or the explanations into the entry bundle.

export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

/** Something said in every supported language: a missing language is a compile error. */
export type Localized<T> = Readonly<Record<Locale, T>>;

/** Something made once per language: `localized((locale) => …)`. */
export function localized<T>(make: (locale: Locale) => T): Localized<T> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)])) as unknown as Localized<T>;
}

/** The language used when a tag names none of ours. */
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The tag prefix each locale serves: the Chinese explanations serve every zh tag (zh-TW and
 * zh-Hans too, as the setting's description says).
 */
const TAG_PREFIX: Localized<string> = { en: 'en', 'zh-cn': 'zh' };

/** Maps a VS Code / POSIX locale tag ('zh-CN', 'zh_CN.UTF-8', 'zh-hans') to one we have. */
export function toLocale(tag: string | undefined): Locale {
  const lower = (tag ?? '').toLowerCase().replace('_', '-');
  return LOCALES.find((locale) => lower.startsWith(TAG_PREFIX[locale])) ?? DEFAULT_LOCALE;
}
