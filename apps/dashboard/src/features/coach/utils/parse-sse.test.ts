import { describe, expect, it } from 'vitest';
import { createSseParser, readSseStream, type SseMessage } from './parse-sse.ts';

const feed = (chunks: string[]) => {
  const parser = createSseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
};

describe('createSseParser', () => {
  it('dispatches named events at their blank line', () => {
    expect(feed(['event: typing\ndata: {"a":1}\n\n', 'event: delta\ndata: {"text":"Hi"}\n\n'])).toEqual([
      { event: 'typing', data: '{"a":1}' },
      { event: 'delta', data: '{"text":"Hi"}' },
    ]);
  });

  it('joins chunks that split an event anywhere, even inside a CRLF', () => {
    const stream = 'event: delta\r\ndata: {"text":"Hola"}\r\n\r\nevent: message\r\ndata: {}\r\n\r\n';
    const byChar = feed([...stream]);
    expect(byChar).toEqual([
      { event: 'delta', data: '{"text":"Hola"}' },
      { event: 'message', data: '{}' },
    ]);
    expect(feed([stream.slice(0, 13), stream.slice(13)])).toEqual(byChar);
  });

  it('joins multi-line data, defaults the type to message, and skips comments and other fields', () => {
    expect(feed([': keep-alive\nid: 7\nretry: 100\ndata: one\ndata:two\nunknown: x\n\n'])).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('accepts lone CR line endings', () => {
    expect(feed(['event: a\rdata: 1\r\r'])).toEqual([{ event: 'a', data: '1' }]);
  });

  it('ignores events without data and drops one the stream cut off', () => {
    expect(feed(['event: empty\n\nevent: cut\ndata: half'])).toEqual([]);
  });

  it('keeps the type of one event from leaking into the next', () => {
    expect(feed(['event: delta\ndata: 1\n\ndata: 2\n\n'])).toEqual([
      { event: 'delta', data: '1' },
      { event: 'message', data: '2' },
    ]);
  });
});

describe('readSseStream', () => {
  it('decodes UTF-8 split across chunks and hands events over in order', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"¡Hola, Lucía!"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split inside the two-byte "¡".
        controller.enqueue(bytes.slice(0, 26));
        controller.enqueue(bytes.slice(26));
        controller.close();
      },
    });
    const seen: SseMessage[] = [];
    await readSseStream(body, (message) => seen.push(message));
    expect(seen).toEqual([{ event: 'delta', data: '{"text":"¡Hola, Lucía!"}' }]);
  });
});
