export const EMBED_MODES = ['bubble', 'popup', 'inline'] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];

/** Where an inline widget mounts: the snippet adds this element before the script. */
export const INLINE_TARGET_ID = 'companero-chat';

/**
 * The code a creator pastes into their site. The script's own URL tells the
 * widget where the API is, so `origin` is this dashboard's (the same server).
 * `bubble` is the default and needs no `data-mode`.
 *
 * @example
 * buildEmbedSnippet({ origin: 'https://coach.example', publicKey: 'wk_…', mode: 'bubble' })
 * // <script src="https://coach.example/widget/loader.js" data-key="wk_…" async></script>
 */
export function buildEmbedSnippet({
  origin,
  publicKey,
  mode,
}: {
  origin: string;
  publicKey: string;
  mode: EmbedMode;
}): string {
  const attributes = [`src="${origin}/widget/loader.js"`, `data-key="${publicKey}"`];
  if (mode !== 'bubble') attributes.push(`data-mode="${mode}"`);
  if (mode === 'inline') attributes.push(`data-target="#${INLINE_TARGET_ID}"`);
  const script = `<script ${attributes.join(' ')} async></script>`;
  return mode === 'inline' ? `<div id="${INLINE_TARGET_ID}"></div>\n${script}` : script;
}
