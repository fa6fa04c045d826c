import { describe, expect, it } from 'vitest';
import { buildEmbedSnippet } from './embed-snippet.ts';

const base = { origin: 'https://coach.example.com', publicKey: 'wk_abc' };

describe('buildEmbedSnippet', () => {
  it('is one script tag for the default bubble', () => {
    expect(buildEmbedSnippet({ ...base, mode: 'bubble' })).toBe(
      '<script src="https://coach.example.com/widget/loader.js" data-key="wk_abc" async></script>',
    );
  });

  it('names the mode for a popup', () => {
    expect(buildEmbedSnippet({ ...base, mode: 'popup' })).toBe(
      '<script src="https://coach.example.com/widget/loader.js" data-key="wk_abc" data-mode="popup" async></script>',
    );
  });

  it('adds the element an inline widget mounts in, before the script', () => {
    expect(buildEmbedSnippet({ ...base, mode: 'inline' }).split('\n')).toEqual([
      '<div id="companero-chat"></div>',
      '<script src="https://coach.example.com/widget/loader.js" data-key="wk_abc" data-mode="inline" data-target="#companero-chat" async></script>',
    ]);
  });
});
