// Each pattern is a construct plain prose rarely has; weights reflect how unambiguous it is.
const SIGNALS: { pattern: RegExp; weight: number }[] = [
  { pattern: /^#{1,6}[ \t]+\S/m, weight: 2 }, // ATX heading
  { pattern: /^\S.*\n(={3,}|-{3,})[ \t]*$/m, weight: 2 }, // setext heading
  { pattern: /^(```|~~~)/m, weight: 2 }, // code fence
  { pattern: /^---\n[\s\S]*?\n(---|\.\.\.)$/, weight: 2 }, // YAML front matter
  { pattern: /^% \S/, weight: 2 }, // pandoc title block
  { pattern: /^\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/m, weight: 2 }, // pipe table rule
  { pattern: /!?\[[^\]\n]+\]\([^)\s]+\)|^\[[^\]\n]+\]:[ \t]+\S/m, weight: 1 }, // link, image or reference
  { pattern: /^[ \t]*([-*+]|\d+[.)])[ \t]+\S/m, weight: 1 }, // list item
  { pattern: /\*\*[^*\n]+\*\*|__[^_\n]+__/, weight: 1 }, // strong emphasis
  { pattern: /^>[ \t]?\S/m, weight: 1 }, // block quote
  { pattern: /`[^`\n]+`/, weight: 1 }, // inline code
];

const SAMPLE_CHARS = 65_536;
const THRESHOLD = 3;

/**
 * Whether a text file is written in Markdown (so its headings shape chunks),
 * judged from distinct Markdown constructs in its first 64 KB: a heading plus
 * a list or a link is enough, a lone dash list is not.
 *
 * @example looksLikeMarkdown('# Title\n\n- one\n- two') // true
 */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS).replace(/\r\n?/g, '\n');
  let score = 0;
  for (const { pattern, weight } of SIGNALS) {
    if (pattern.test(sample)) score += weight;
    if (score >= THRESHOLD) return true;
  }
  return false;
}
