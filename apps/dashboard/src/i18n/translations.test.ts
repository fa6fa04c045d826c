import { ERROR_CODES, FILE_REJECTION_CODES } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import es from './es.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en);
const esKeys = flatten(es);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// A missing key shows English (or a raw key) to a Spanish-speaking creator; a
// missing error code shows nothing useful when the server answers with it.
describe('dashboard translations', () => {
  it('have the same keys in English and Spanish', () => {
    expect([...esKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('have a message for every API error code', () => {
    for (const code of ERROR_CODES) {
      expect(enKeys.get(`errors.${code}`), code).toBeTruthy();
      expect(esKeys.get(`errors.${code}`), code).toBeTruthy();
    }
  });

  it('say every file rejection reason', () => {
    for (const code of FILE_REJECTION_CODES) {
      expect(enKeys.get(`knowledge.reasons.${code}`), code).toBeTruthy();
      expect(esKeys.get(`knowledge.reasons.${code}`), code).toBeTruthy();
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of enKeys) {
      expect(placeholders(esKeys.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('are really translated (Spanish differs from English except names)', () => {
    const same = [...enKeys].filter(([key, value]) => esKeys.get(key) === value).map(([key]) => key);
    expect(same.sort()).toEqual(
      [
        'app.name',
        'language.en',
        'language.es',
        'nav.whatsapp',
        // Meta's own names, as its Spanish interface shows them.
        'whatsapp.templates.categories.MARKETING',
        'inbox.channels.whatsapp',
        'analytics.channels.whatsapp',
        'widget.install.platforms.wordpress',
        'widget.install.platforms.shopify',
      ].sort(),
    );
  });
});
