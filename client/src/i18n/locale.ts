/**
 * The dashboard's languages. Simplified Chinese is the default (the operators' language); English
 * is one switch away. Every visible string comes from a feature's `messages.ts` through
 * `useMessages`, never from a literal in a component.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** One feature's strings in every locale: the same keys in each, checked by the compiler. */
export type MessageCatalog<K extends string> = Record<Locale, Record<K, string>>;

/**
 * Declares a feature's strings. Keys come from the Chinese table; the English one must have
 * exactly the same keys. Placeholders are written `{name}` and filled by `translate`.
 */
export function defineMessages<K extends string>(catalog: {
  'zh-CN': Record<K, string>;
  en: NoInfer<Record<K, string>>;
}): MessageCatalog<K> {
  return catalog;
}

export type MessageParams = Record<string, string | number>;

/** `{name}` placeholders replaced by `params` (numbers as given: format them first). */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type Translate<K extends string> = (key: K, params?: MessageParams) => string;

export function translator<K extends string>(
  catalog: MessageCatalog<K>,
  locale: Locale,
): Translate<K> {
  const table = catalog[locale];
  return (key, params) => interpolate(table[key], params);
}
