/** Meta lets a business write freely for 24 hours after the contact's last message; after that, templates only. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the 24-hour customer service window is open, and when it closes.
 *
 * @example
 * serviceWindowOf('2025-01-01T10:00:00Z', Date.parse('2025-01-01T12:00:00Z'))
 * // { isOpen: true, closesAt: '2025-01-02T10:00:00.000Z' }
 */
export function serviceWindowOf(
  lastInboundAt: string | null,
  now: number,
): { isOpen: boolean; closesAt: string | null } {
  if (!lastInboundAt) return { isOpen: false, closesAt: null };
  const closesAt = Date.parse(lastInboundAt) + SERVICE_WINDOW_MS;
  if (Number.isNaN(closesAt)) return { isOpen: false, closesAt: null };
  return { isOpen: now < closesAt, closesAt: new Date(closesAt).toISOString() };
}
