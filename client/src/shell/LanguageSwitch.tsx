import { LOCALES, type Locale } from '../i18n/locale';
import { useLocale, useMessages } from '../i18n/localeContext';
import { shellMessages } from './messages';

/** Each language is named in itself, so a reader finds theirs whatever the page is in now. */
const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** Two toggle buttons (中文 / English); the pressed one is the current language. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useMessages(shellMessages);
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="language-switch__option"
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
