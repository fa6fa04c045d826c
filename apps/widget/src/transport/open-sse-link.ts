import type { WidgetServerFrame } from '@companero/contracts';
import { CLOSE_ABNORMAL, closeCodeForStatus, type Link, type LinkEvents, parseServerFrame } from './link.ts';
import { readSseStream } from './parse-sse.ts';

/**
 * The fallback where WebSockets are blocked (some proxies and corporate
 * networks): server frames arrive on an SSE stream read with fetch (which,
 * unlike EventSource, can send the bearer token), client frames go out as
 * `POST /widget/frames`, whose answer carries frames too.
 */
export function openSseLink(api: string, token: string, events: LinkEvents): Link {
  const aborter = new AbortController();
  let isClosed = false;
  const headers = { authorization: `Bearer ${token}` };

  const end = (code: number) => {
    if (isClosed) return;
    isClosed = true;
    aborter.abort();
    events.onClose(code);
  };
  const deliver = (frame: WidgetServerFrame | undefined) => {
    if (frame && !isClosed) events.onFrame(frame);
  };

  fetch(`${api}/api/v1/widget/events`, {
    headers: { ...headers, accept: 'text/event-stream' },
    cache: 'no-store',
    signal: aborter.signal,
  })
    .then(async (response) => {
      if (!response.ok || !response.body) return end(closeCodeForStatus(response.status));
      events.onOpen();
      await readSseStream(response.body, (event) => deliver(parseServerFrame(event.data)));
      end(CLOSE_ABNORMAL); // the server ended the stream: reconnect
    })
    .catch(() => end(CLOSE_ABNORMAL));

  return {
    send(frame) {
      if (isClosed) return;
      fetch(`${api}/api/v1/widget/frames`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(frame),
        signal: aborter.signal,
      })
        .then(async (response) => {
          if (response.ok) {
            const body = (await response.json()) as { frames?: WidgetServerFrame[] };
            for (const answer of body.frames ?? []) deliver(answer);
          } else if (response.status === 401 || response.status === 403 || response.status >= 500) {
            end(closeCodeForStatus(response.status));
          }
          // Other 4xx: this one frame was refused; the stream itself is fine.
        })
        // A frame lost on the way: drop the link, so reconnecting resumes and resends the outbox.
        .catch(() => end(CLOSE_ABNORMAL));
    },
    close() {
      isClosed = true;
      aborter.abort();
    },
  };
}
