/**
 * Splits prose into sentences, keeping abbreviations like "e.g." and decimals
 * together. Markdown list items and headings count as their own sentences.
 *
 * @example
 * splitSentences('Sleep 8 hours. Drink water!') // ['Sleep 8 hours.', 'Drink water!']
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\n+/)) {
    const line = rawLine.trim();
    if (!line) continue;
    // A sentence ends at . ! ? … followed by space and an upper-case letter, digit, ¿ or ¡.
    const parts = line.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d¿¡"“(])/u);
    for (const p of parts) {
      const s = p.trim();
      if (s) out.push(s);
    }
  }
  return out;
}
