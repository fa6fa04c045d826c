import { describe, expect, it } from 'vitest';
import { serviceWindowOf } from './service-window.ts';

const at = (iso: string) => Date.parse(iso);

describe('serviceWindowOf', () => {
  it('is open for 24 hours after the last inbound message', () => {
    expect(serviceWindowOf('2025-03-01T10:00:00Z', at('2025-03-02T09:59:00Z'))).toEqual({
      isOpen: true,
      closesAt: '2025-03-02T10:00:00.000Z',
    });
  });

  it('is closed from the 24th hour on', () => {
    expect(serviceWindowOf('2025-03-01T10:00:00Z', at('2025-03-02T10:00:00Z')).isOpen).toBe(false);
  });

  it('is closed for a contact who never wrote', () => {
    expect(serviceWindowOf(null, at('2025-03-01T10:00:00Z'))).toEqual({ isOpen: false, closesAt: null });
  });
});
