import { LOCALES } from '@companero/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale, isLocale } from '../i18n/index.ts';
import { useChangeLocale } from '../lib/use-change-locale.ts';
import { Icon } from './ui/icons.tsx';

/** English / Español picker; each language is named in itself so anyone can find theirs. */
export function LocaleSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const changeLocale = useChangeLocale();
  return (
    <div className="locale-switch">
      <Icon name="globe" size={18} />
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="locale-select"
        value={currentLocale()}
        disabled={changeLocale.isPending}
        onChange={(event) => {
          if (isLocale(event.target.value)) changeLocale.mutate(event.target.value);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`language.${locale}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
