import 'i18next';
import type en from './en.json';

// Typed keys: `t('auth.login.title')` is checked against en.json, so a typo or
// a removed key fails the type check instead of showing a raw key to a user.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
