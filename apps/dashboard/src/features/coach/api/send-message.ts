import { ApiError } from '@companero/api-client';
import {
  type ConversationEvent,
  ConversationEventSchema,
  PostMessageResponseSchema,
} from '@companero/contracts';
import { apiFetch } from '../../../lib/api.ts';
import { readSseStream, type SseMessage } from '../utils/parse-sse.ts';

const KNOWN_EVENTS = new Set(['message', 'typing', 'delta', 'status', 'debug', 'error']);

/**
 * One streamed event as the conversation's event. An event type this
 * dashboard does not know yet (a newer server) is skipped; a known one that
 * does not match its schema is an error, or the reply would silently hang.
 */
function toConversationEvent(message: SseMessage): ConversationEvent | undefined {
  if (!KNOWN_EVENTS.has(message.event)) return undefined;
  try {
    return ConversationEventSchema.parse(JSON.parse(message.data));
  } catch (cause) {
    throw ApiError.synthetic(200, `Unexpected "${message.event}" event`, { code: 'INTERNAL', cause });
  }
}

/**
 * Sends a message as the test member and hands over every event of the
 * exchange: the stored message, the reply's deltas as they are written, the
 * stored reply with citations, and the debug details (`?debug=true`).
 *
 * Streamed over SSE on a POST (which EventSource cannot do), read with a
 * stream reader. `isWhole` asks for the plain JSON answer instead: used on a
 * retry, because a repeated `clientMessageId` is answered from what was
 * stored and the stream would have nothing to send.
 */
export async function sendMessage(
  conversationId: string,
  body: { content: string; clientMessageId: string },
  {
    onEvent,
    signal,
    isWhole = false,
  }: { onEvent: (event: ConversationEvent) => void; signal?: AbortSignal; isWhole?: boolean },
): Promise<void> {
  const res = await apiFetch(`/conversations/${encodeURIComponent(conversationId)}/messages?debug=true`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: isWhole ? {} : { accept: 'text/event-stream' },
    ...(signal ? { signal } : {}),
  });
  if (res.body && (res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    await readSseStream(res.body, (message) => {
      const event = toConversationEvent(message);
      if (event) onEvent(event);
    });
    return;
  }
  let result: ReturnType<typeof PostMessageResponseSchema.parse>;
  try {
    result = PostMessageResponseSchema.parse(await res.json());
  } catch (cause) {
    throw ApiError.synthetic(res.status, 'Unexpected answer to a message', { code: 'INTERNAL', cause });
  }
  onEvent({ type: 'message', message: result.message });
  if (result.reply) onEvent({ type: 'message', message: result.reply });
  if (result.debug) onEvent({ type: 'debug', debug: result.debug });
}
