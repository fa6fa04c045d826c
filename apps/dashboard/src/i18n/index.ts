import { LOCALES, type Locale } from '@companero/contracts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';

const STORAGE_KEY = 'companero.locale';

export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

/** The language chosen on this device (before or after log-in), if any. */
export function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined; // storage blocked (private mode, sandboxed iframe)
  }
}

function browserLocale(): Locale | undefined {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

/** Stored choice, then the browser's languages, then English. The creator's own locale is applied at log-in. */
export const detectLocale = (): Locale => storedLocale() ?? browserLocale() ?? 'en';

export const currentLocale = (): Locale => (isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en');

/** Switches the interface language and remembers it on this device. */
export function applyLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across reloads; the interface still switches.
  }
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: detectLocale(),
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  // React escapes output already.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
