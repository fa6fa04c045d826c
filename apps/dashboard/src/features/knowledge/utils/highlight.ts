/** A piece of a snippet: plain text, or a matched word to show in <mark>. */
export interface Segment {
  text: string;
  isMatch: boolean;
}

/**
 * Cuts a search snippet into plain and matched pieces from the server's
 * `[start, end)` ranges. The pieces are rendered as text (never as HTML), so a
 * snippet can contain anything. Ranges may come unsorted, overlapping or out of
 * bounds; they are sorted, merged and clamped.
 */
export function highlightSegments(
  snippet: string,
  ranges: ReadonlyArray<readonly [number, number]>,
): Segment[] {
  const clean = ranges
    .map(
      ([start, end]) =>
        [Math.max(0, Math.min(start, snippet.length)), Math.min(end, snippet.length)] as const,
    )
    .filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end) && end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of clean) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) segments.push({ text: snippet.slice(at, start), isMatch: false });
    segments.push({ text: snippet.slice(start, end), isMatch: true });
    at = end;
  }
  if (at < snippet.length) segments.push({ text: snippet.slice(at), isMatch: false });
  return segments;
}
