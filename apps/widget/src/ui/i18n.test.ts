import { describe, expect, it } from 'vitest';
import { format, getStrings, resolveLocale } from './i18n.ts';

describe('the widget language', () => {
  it('follows the browser when the creator chose auto', () => {
    expect(resolveLocale(undefined, 'auto', 'es-MX')).toBe('es');
    expect(resolveLocale(undefined, 'auto', 'en-GB')).toBe('en');
  });

  it('falls back to English for a language the widget does not speak', () => {
    expect(resolveLocale(undefined, 'auto', 'fr-FR')).toBe('en');
    expect(resolveLocale(undefined, 'auto', undefined)).toBe('en');
    expect(getStrings('en').send).toBe('Send');
  });

  it('prefers the page’s data-locale, then the creator’s choice, over the browser', () => {
    expect(resolveLocale('en', 'es', 'es-ES')).toBe('en');
    expect(resolveLocale(undefined, 'es', 'en-US')).toBe('es');
  });

  it('speaks Spanish in Spanish', () => {
    const strings = getStrings('es');
    expect(strings.placeholder).toBe('Escribe un mensaje…');
    expect(format(strings.typing, 'Lucía')).toBe('Lucía está escribiendo…');
  });

  it('shows English for a string not translated yet rather than nothing', () => {
    const strings = getStrings('es', { en: {}, es: { send: 'Enviar' } });
    expect(strings.send).toBe('Enviar');
    expect(strings.retry).toBe('Retry');
  });

  it('fills a name literally, even one with replacement patterns', () => {
    expect(format('{} is typing…', 'A$&B')).toBe('A$&B is typing…');
  });
});
