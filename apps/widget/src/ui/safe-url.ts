/**
 * The absolute http(s) URL for a link or image, or undefined. Stops
 * `javascript:` and `data:` links in AI text or a message's media from
 * becoming something a click runs.
 *
 * @example
 * safeUrl('/files/a.png', 'https://coach.example.com'); // 'https://coach.example.com/files/a.png'
 * safeUrl('javascript:alert(1)'); // undefined
 */
export function safeUrl(url: string, base?: string): string | undefined {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
