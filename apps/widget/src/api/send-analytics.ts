import type { AnalyticsEventType } from '../bridge.ts';

const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * One analytics beacon, fire and forget: `keepalive` lets it outlive the page
 * (a visitor who opens the chat and leaves still counts), and a failure is
 * nobody's business but the dashboard's numbers.
 */
export function sendAnalytics(api: string, key: string, type: AnalyticsEventType, visitorId?: string | null) {
  const event = {
    type,
    at: new Date().toISOString(),
    visitorId: visitorId && VISITOR_ID.test(visitorId) ? visitorId : undefined,
  };
  fetch(`${api}/api/v1/widget/analytics`, {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key, events: [event] }),
  }).catch(() => {});
}
