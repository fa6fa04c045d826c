import { describe, expect, it } from 'vitest';
import { createSseParser, readSseStream, type SseEvent } from './parse-sse.ts';

const feed = (chunks: string[]) => {
  const parser = createSseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
};

describe('the SSE parser', () => {
  it('dispatches each event at its blank line, with its name', () => {
    expect(feed(['event: ready\ndata: {"type":"ready"}\n\nevent: pong\ndata: {"type":"pong"}\n\n'])).toEqual([
      { event: 'ready', data: '{"type":"ready"}' },
      { event: 'pong', data: '{"type":"pong"}' },
    ]);
  });

  it('gives the same events however the stream is split, even inside a CRLF', () => {
    const stream = 'event: delta\r\ndata: {"text":"Ho"}\r\n\r\nevent: delta\r\ndata: {"text":"la"}\r\n\r\n';
    const whole = feed([stream]);
    expect(whole).toHaveLength(2);
    expect(feed([...stream])).toEqual(whole);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(feed([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
    }
  });

  it('joins multi-line data with newlines and skips comments and unknown fields', () => {
    expect(feed([': keep-alive\n\nid: 4\ndata: first\ndata:second\nretry: 10\nfoo: bar\n\n'])).toEqual([
      { event: 'message', data: 'first\nsecond' },
    ]);
  });

  it('does not carry an event name over to the next event', () => {
    expect(feed(['event: typing\ndata: 1\n\ndata: 2\n\n']).map((event) => event.event)).toEqual([
      'typing',
      'message',
    ]);
  });

  it('holds back an event until its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('event: message\ndata: {"a":1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: '{"a":1}' }]);
  });

  it('decodes UTF-8 characters split across network chunks', async () => {
    const bytes = new TextEncoder().encode('data: {"text":"¿Qué tal, Lucía?"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 16)); // inside the two bytes of "¿"
        controller.enqueue(bytes.slice(16));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readSseStream(body, (event) => events.push(event));
    expect(events).toEqual([{ event: 'message', data: '{"text":"¿Qué tal, Lucía?"}' }]);
  });
});
