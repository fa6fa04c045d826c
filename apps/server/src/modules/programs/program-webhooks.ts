import type { Logger } from 'pino';

/**
 * POSTs a webhook step's event as JSON. A non-2xx answer or a network error
 * throws, so the queue retries with backoff; the event id travels in
 * `Idempotency-Key` so the receiver can drop a retried delivery.
 */
export async function deliverProgramWebhook(
  payload: { creatorId: string; eventId: string; url: string; body: Record<string, unknown> },
  deps: { logger: Pick<Logger, 'info' | 'warn'>; fetch?: typeof globalThis.fetch; timeoutMs?: number },
) {
  const res = await (deps.fetch ?? fetch)(payload.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Companero-Webhooks/1',
      'idempotency-key': payload.eventId,
      'x-companero-event': String(payload.body.event ?? ''),
    },
    body: JSON.stringify({ id: payload.eventId, ...payload.body }),
    signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    redirect: 'error',
  });
  if (!res.ok) {
    deps.logger.warn({ status: res.status, eventId: payload.eventId }, 'program webhook refused');
    throw new Error(`Webhook answered ${res.status}`);
  }
}
