import { z } from 'zod';
import { defineJob } from '../../platform/queue/index.ts';

/** One webhook delivery, checked and acknowledged by the api, processed here (messages, statuses). */
export const processWhatsAppWebhookJob = defineJob({
  name: 'whatsapp.process-webhook',
  payload: z.object({ creatorId: z.uuid(), body: z.record(z.string(), z.unknown()) }),
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 300,
});

/** Sends one outbound message (a conversation message or a broadcast recipient's template). */
export const sendWhatsAppMessageJob = defineJob({
  name: 'whatsapp.send-message',
  payload: z.object({ creatorId: z.uuid(), channelMessageId: z.uuid() }),
  retryLimit: 8,
  retryDelaySeconds: 1,
  retryBackoff: true,
  expireInSeconds: 60,
});

/** Queues a broadcast's recipients (one send job each; throttled per phone number by the sender). */
export const startBroadcastJob = defineJob({
  name: 'whatsapp.start-broadcast',
  payload: z.object({ creatorId: z.uuid(), broadcastId: z.uuid() }),
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  expireInSeconds: 600,
});
