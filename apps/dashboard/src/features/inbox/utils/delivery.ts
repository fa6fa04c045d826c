import type { Delivery, MessageWithMeta } from '@companero/contracts';

/** The steps a message goes through once WhatsApp has it; `failed` and `held` stand apart. */
const PROGRESS: Partial<Record<Delivery['status'], number>> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/**
 * The delivery state to show after `next` arrives. Meta's status webhooks
 * can come out of order (a "delivered" after its "read", a retried "sent"),
 * so the ticks never step back; a failure or a hold always shows.
 *
 * @example
 * laterDelivery({ status: 'read', ... }, { status: 'delivered', ... }) // the "read" one
 */
export function laterDelivery(
  current: Delivery | undefined,
  next: Delivery | undefined,
): Delivery | undefined {
  if (!current) return next;
  if (!next) return current;
  const from = PROGRESS[current.status];
  const to = PROGRESS[next.status];
  if (from !== undefined && to !== undefined && to < from) return current;
  return next;
}

/**
 * The same message received again (the POST answer and the socket, or a
 * re-sent copy with a new reaction): the newer copy, with the furthest
 * delivery state of the two.
 */
export function mergeMessage(existing: MessageWithMeta, incoming: MessageWithMeta): MessageWithMeta {
  const delivery = laterDelivery(existing.meta.delivery, incoming.meta.delivery);
  return {
    ...existing,
    ...incoming,
    meta: { ...existing.meta, ...incoming.meta, ...(delivery ? { delivery } : {}) },
  };
}
