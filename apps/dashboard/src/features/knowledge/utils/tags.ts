/** "sleep, Health ,sleep," → ["sleep", "Health"]: trimmed, no empties, no duplicates, in typed order. */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of input.split(',')) {
    const tag = raw.trim();
    if (tag && !seen.has(tag)) {
      seen.add(tag);
      tags.push(tag);
    }
  }
  return tags;
}

export const formatTags = (tags: readonly string[]) => tags.join(', ');
