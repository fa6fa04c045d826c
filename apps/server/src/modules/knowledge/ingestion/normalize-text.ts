/**
 * The cleanup every extracted text gets before chunking, so the same words
 * always index the same way: NFC (a macOS "é" is e + U+0301 and would not
 * match a typed "é"), LF newlines, and no invisible characters that split or
 * glue words (NUL, BOM, zero-width space, soft hyphen).
 *
 * @example normalizeText('cafe\u0301\r\n') // 'café\n'
 */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping NUL is the point
      .replace(/[\u0000\u00ad\u200b\ufeff]/g, '')
  );
}
