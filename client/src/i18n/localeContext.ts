/** The chosen language, shared by every view; `useMessages` turns a catalog into a translator. */
import { createContext, useContext, useMemo } from 'react';
import {
  DEFAULT_LOCALE,
  translator,
  type Locale,
  type MessageCatalog,
  type Translate,
} from './locale';

export interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const LocaleContext = createContext<LocaleContextValue>({
  locale: DEFAULT_LOCALE,
  setLocale: () => {},
});

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}

/** `const t = useMessages(messages); t('title')` — re-renders in the new language on a switch. */
export function useMessages<K extends string>(catalog: MessageCatalog<K>): Translate<K> {
  const { locale } = useLocale();
  return useMemo(() => translator(catalog, locale), [catalog, locale]);
}
