export type DiffLine =
  | { key: string; kind: 'added' | 'removed' | 'equal'; text: string }
  | { key: string; kind: 'fold'; count: number };

/**
 * Server hunks (each a run of lines with its kind) as display lines. Unchanged
 * stretches longer than `context * 2 + 1` lines show only `context` lines on
 * each side of a change, the rest folded into one "n unchanged lines" row.
 */
export function diffLines(
  hunks: ReadonlyArray<{ kind: 'equal' | 'added' | 'removed'; text: string }>,
  context = 3,
): DiffLine[] {
  const out: DiffLine[] = [];
  hunks.forEach((hunk, h) => {
    const lines = hunk.text.split('\n');
    // A hunk ends with its newline: the empty piece after it is not a line.
    if (lines.length > 1 && lines.at(-1) === '') lines.pop();
    const push = (from: number, to: number) => {
      for (let i = from; i < to; i += 1)
        out.push({ key: `${h}:${i}`, kind: hunk.kind, text: lines[i] ?? '' });
    };
    if (hunk.kind !== 'equal' || lines.length <= context * 2 + 1) {
      push(0, lines.length);
      return;
    }
    const head = h === 0 ? 0 : context;
    const tail = h === hunks.length - 1 ? 0 : context;
    push(0, head);
    const folded = lines.length - head - tail;
    if (folded > 0) out.push({ key: `${h}:fold`, kind: 'fold', count: folded });
    push(lines.length - tail, lines.length);
  });
  return out;
}
