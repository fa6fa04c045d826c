/** One dispatched Server-Sent Event: its type (`message` when unnamed) and its data lines joined. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * An incremental `text/event-stream` parser (the WHATWG rules EventSource
 * follows), for streams EventSource cannot open: a POST with a body and a
 * bearer token. Chunks may split anywhere, even between the `\r` and `\n` of
 * one line ending; an event is dispatched at its blank line, and one left
 * unfinished when the stream ends is dropped, as a browser would.
 *
 * @example
 * const parser = createSseParser();
 * parser.push('event: delta\ndata: {"text":"Hi"}\n');
 * parser.push('\n'); // [{ event: 'delta', data: '{"text":"Hi"}' }]
 */
export function createSseParser() {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  function line(text: string, out: SseMessage[]) {
    if (text === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return; // a comment (keep-alive)
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    const raw = colon === -1 ? '' : text.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    // `id` and `retry` only matter to reconnecting EventSources; unknown fields are ignored.
  }

  return {
    /** Feeds the next decoded piece of the stream; answers the events it completed. */
    push(chunk: string): SseMessage[] {
      buffer += chunk;
      const out: SseMessage[] = [];
      for (;;) {
        const end = buffer.search(/\r\n|\r|\n/);
        if (end === -1) break;
        // A lone `\r` at the very end may be the first half of `\r\n`: wait for more.
        if (buffer[end] === '\r' && end === buffer.length - 1) break;
        const width = buffer.startsWith('\r\n', end) ? 2 : 1;
        line(buffer.slice(0, end), out);
        buffer = buffer.slice(end + width);
      }
      return out;
    },
    /** The stream ended: a pending line completes, an unterminated event is dropped. */
    end(): SseMessage[] {
      const out: SseMessage[] = [];
      if (buffer.endsWith('\r')) line(buffer.slice(0, -1), out);
      else if (buffer !== '') line(buffer, out);
      buffer = '';
      event = '';
      data = [];
      return out;
    },
  };
}

/** Reads a whole event stream (UTF-8), handing each event over as soon as it is complete. */
export async function readSseStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: SseMessage) => void,
): Promise<void> {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // `stream: true` keeps a character split between chunks for the next one.
      for (const message of parser.push(decoder.decode(value, { stream: true }))) onMessage(message);
    }
    for (const message of [...parser.push(decoder.decode()), ...parser.end()]) onMessage(message);
  } finally {
    reader.releaseLock();
  }
}
