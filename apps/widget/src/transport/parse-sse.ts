/** One Server-Sent Event: its type (`message` when unnamed) and its data lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental `text/event-stream` parser (the rules EventSource follows),
 * for a stream read with fetch because EventSource cannot send an
 * `Authorization` header. Chunks may split anywhere, even between the `\r`
 * and `\n` of one line ending; an event is dispatched at its blank line.
 *
 * @example
 * const parser = createSseParser();
 * parser.push('event: ready\ndata: {"type":"ready"}\n'); // []
 * parser.push('\n'); // [{ event: 'ready', data: '{"type":"ready"}' }]
 */
export function createSseParser() {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  function readLine(line: string, out: SseEvent[]) {
    if (line === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment: the server's keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }

  return {
    /** Feeds the next decoded piece of the stream; answers the events it completed. */
    push(chunk: string): SseEvent[] {
      buffer += chunk;
      const out: SseEvent[] = [];
      for (;;) {
        const end = buffer.search(/[\r\n]/);
        if (end === -1) break;
        // A `\r` at the very end may be the first half of `\r\n`: wait for the next chunk.
        if (buffer[end] === '\r' && end === buffer.length - 1) break;
        readLine(buffer.slice(0, end), out);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      }
      return out;
    },
  };
}

/** Reads an event stream (UTF-8) to its end, handing each event over as soon as it is complete. */
export async function readSseStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // `stream: true` keeps a character split between chunks for the next one.
    for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
  }
}
