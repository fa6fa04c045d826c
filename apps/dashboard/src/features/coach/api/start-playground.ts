import { requestJson } from './request.ts';

export interface PlaygroundStarted {
  conversationId: string;
  endUserId: string;
}

// The contracts declare this answer inline in the route (no exported schema):
// checked by hand rather than adding zod to the dashboard.
const PlaygroundStartedSchema = {
  parse(data: unknown): PlaygroundStarted {
    const value = data as Partial<PlaygroundStarted> | null;
    if (typeof value?.conversationId === 'string' && typeof value.endUserId === 'string') {
      return { conversationId: value.conversationId, endUserId: value.endUserId };
    }
    throw new TypeError('Expected { conversationId, endUserId }');
  },
};

/** A fresh test conversation, as a new test member carrying `tags` (to see members-only documents). */
export const startPlayground = (body: { tags: string[]; locale?: 'en' | 'es' }) =>
  requestJson('/assistant/playground', { method: 'POST', body, schema: PlaygroundStartedSchema });
