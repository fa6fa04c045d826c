export type ReplySegment = { text: string } | { n: number };

/**
 * "Sleep 8 hours [1] and nap [2]." → text and citation-marker segments, so
 * markers can be styled and linked to the sources list without ever parsing
 * the reply as HTML.
 */
export function splitCitationMarkers(text: string): ReplySegment[] {
  const segments: ReplySegment[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d{1,2})\]/g)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ n: Number(match[1]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}
