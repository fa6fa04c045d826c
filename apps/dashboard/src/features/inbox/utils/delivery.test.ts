import type { Delivery, MessageWithMeta } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { laterDelivery, mergeMessage } from './delivery.ts';

const at = '2025-01-01T10:00:00Z';
const delivery = (status: Delivery['status'], message?: string): Delivery => ({
  status,
  error: message ? { code: null, message } : null,
  at,
});

describe('laterDelivery', () => {
  it('moves forward through sent, delivered and read', () => {
    expect(laterDelivery(delivery('sent'), delivery('delivered'))?.status).toBe('delivered');
    expect(laterDelivery(delivery('delivered'), delivery('read'))?.status).toBe('read');
  });

  it('never steps the ticks back when webhooks arrive out of order', () => {
    expect(laterDelivery(delivery('read'), delivery('delivered'))?.status).toBe('read');
    expect(laterDelivery(delivery('sent'), delivery('queued'))?.status).toBe('sent');
  });

  it('always shows a failure or a hold, and what follows a hold', () => {
    expect(laterDelivery(delivery('delivered'), delivery('failed', 'blocked'))?.status).toBe('failed');
    expect(laterDelivery(delivery('queued'), delivery('held', 'opted out'))?.status).toBe('held');
    expect(laterDelivery(delivery('held', 'outside window'), delivery('sent'))?.status).toBe('sent');
  });

  it('keeps what it has when nothing new came', () => {
    expect(laterDelivery(delivery('sent'), undefined)?.status).toBe('sent');
    expect(laterDelivery(undefined, undefined)).toBeUndefined();
  });
});

describe('mergeMessage', () => {
  const base: MessageWithMeta = {
    id: '00000000-0000-4000-8000-000000000001',
    conversationId: '00000000-0000-4000-8000-000000000000',
    role: 'creator',
    content: 'Hi',
    createdAt: at,
    meta: { delivery: delivery('read') },
    feedback: null,
  };

  it('takes the newer copy’s reaction but keeps the furthest delivery', () => {
    const merged = mergeMessage(base, { ...base, meta: { delivery: delivery('sent'), reaction: '👍' } });
    expect(merged.meta).toEqual({ delivery: delivery('read'), reaction: '👍' });
  });
});
