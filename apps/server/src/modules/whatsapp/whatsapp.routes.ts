import {
  BroadcastListSchema,
  BroadcastRecipientListSchema,
  BroadcastSchema,
  ConnectWhatsAppBodySchema,
  CreateBroadcastBodySchema,
  CreateWhatsAppTemplateBodySchema,
  IdParamsSchema,
  ListWhatsAppContactsQuerySchema,
  pageOf,
  SetConsentBodySchema,
  WhatsAppAccountSchema,
  WhatsAppContactSchema,
  WhatsAppTemplateListSchema,
  WhatsAppTemplateSchema,
  WhatsAppTestBodySchema,
  WhatsAppTestResultSchema,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { phoneNumberIdsOf } from './webhook-events.ts';
import type { WhatsAppService } from './whatsapp.service.ts';

/** Meta's webhook: public, authenticated by the HMAC signature of the raw body (checked in the service). */
export const whatsappWebhookRoutes =
  ({ whatsapp }: { whatsapp: WhatsAppService }): FastifyPluginAsyncZod =>
  async (app) => {
    // The signature covers the exact bytes Meta sent: keep them beside the parsed JSON.
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
      try {
        done(null, { raw: body as Buffer, json: JSON.parse(String(body)) });
      } catch {
        done(new AppError('MALFORMED_REQUEST', 'The body is not valid JSON'), undefined);
      }
    });
    const tags = ['whatsapp'];
    app.get(
      '/whatsapp/webhook',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary:
            'Meta’s subscription handshake: answers hub.challenge when hub.verify_token is a creator’s',
          querystring: z.object({
            'hub.mode': z.string().optional(),
            'hub.verify_token': z.string().max(200).optional(),
            'hub.challenge': z.string().max(200).optional(),
          }),
        },
      },
      async (req, reply) => {
        const challenge = await whatsapp.verifySubscription({
          mode: req.query['hub.mode'],
          token: req.query['hub.verify_token'],
          challenge: req.query['hub.challenge'],
        });
        if (!challenge) throw new AppError('FORBIDDEN', 'Unknown verify token');
        return reply.type('text/plain').send(challenge);
      },
    );
    app.post(
      '/whatsapp/webhook',
      {
        config: { auth: 'public', rateLimit: false },
        schema: {
          tags,
          summary:
            'WhatsApp events (messages, statuses), signed with X-Hub-Signature-256; acknowledged at once, processed by the worker',
          response: { 200: z.object({ received: z.boolean() }) },
        },
      },
      async (req, reply) => {
        const { raw, json } = req.body as { raw: Buffer; json: Record<string, unknown> };
        const signature = req.headers['x-hub-signature-256'];
        const result = await whatsapp.acceptWebhook(
          raw,
          typeof signature === 'string' ? signature : undefined,
          phoneNumberIdsOf(json),
          json,
        );
        if (!result.accepted) {
          req.log.warn({ reason: result.reason }, 'whatsapp webhook refused');
          throw new AppError('UNAUTHENTICATED', 'The webhook signature could not be verified');
        }
        return reply.send({ received: true });
      },
    );
  };

/** The creator's side: connection, templates, contacts' consent, broadcasts. */
export const whatsappRoutes =
  ({ whatsapp }: { whatsapp: WhatsAppService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['whatsapp'];
    const read = { auth: 'whatsapp:read' } as const;
    const write = { auth: 'whatsapp:write' } as const;
    app.get(
      '/whatsapp/account',
      {
        config: read,
        schema: {
          tags,
          summary: 'The WhatsApp connection (secrets are never returned)',
          response: { 200: WhatsAppAccountSchema },
        },
      },
      (req) => whatsapp.account(req.tenant),
    );
    app.put(
      '/whatsapp/account',
      {
        config: write,
        schema: {
          tags,
          summary:
            'Connect (or update) the WhatsApp Business number; the token and app secret are stored encrypted',
          body: ConnectWhatsAppBodySchema,
          response: { 200: WhatsAppAccountSchema },
        },
      },
      (req) => whatsapp.connect(req.tenant, req.body),
    );
    app.delete(
      '/whatsapp/account',
      {
        config: write,
        schema: { tags, summary: 'Disconnect WhatsApp', response: { 200: WhatsAppAccountSchema } },
      },
      (req) => whatsapp.disconnect(req.tenant),
    );
    app.post(
      '/whatsapp/account/test',
      {
        config: write,
        schema: {
          tags,
          summary: 'Check the credentials with Meta and send a template message to a number',
          body: WhatsAppTestBodySchema,
          response: { 200: WhatsAppTestResultSchema },
        },
      },
      (req) => whatsapp.test(req.tenant, req.body),
    );
    app.get(
      '/whatsapp/templates',
      {
        config: read,
        schema: { tags, summary: 'Message templates', response: { 200: WhatsAppTemplateListSchema } },
      },
      (req) => whatsapp.templates(req.tenant),
    );
    app.post(
      '/whatsapp/templates/sync',
      {
        config: write,
        schema: {
          tags,
          summary: 'Read the templates and their status from Meta',
          body: z.strictObject({}).optional(),
          response: { 200: WhatsAppTemplateListSchema },
        },
      },
      (req) => whatsapp.syncTemplates(req.tenant),
    );
    app.post(
      '/whatsapp/templates',
      {
        config: write,
        schema: {
          tags,
          summary: 'Create a template and submit it for approval',
          body: CreateWhatsAppTemplateBodySchema,
          response: { 201: WhatsAppTemplateSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await whatsapp.createTemplate(req.tenant, req.body)),
    );
    app.get(
      '/whatsapp/contacts',
      {
        config: read,
        schema: {
          tags,
          summary: 'Clients with a phone number, their consent and 24-hour window',
          querystring: ListWhatsAppContactsQuerySchema,
          response: { 200: pageOf(WhatsAppContactSchema) },
        },
      },
      (req) => whatsapp.contacts(req.tenant, req.query),
    );
    app.post(
      '/whatsapp/contacts/:id/consent',
      {
        config: write,
        schema: {
          tags,
          summary: 'Record a client’s consent (opted in, with where) or opt-out',
          params: IdParamsSchema,
          body: SetConsentBodySchema,
          response: { 200: WhatsAppContactSchema },
        },
      },
      (req) => whatsapp.setConsent(req.tenant, req.params.id, req.body),
    );
    app.get(
      '/whatsapp/broadcasts',
      {
        config: read,
        schema: { tags, summary: 'Broadcasts with delivery counts', response: { 200: BroadcastListSchema } },
      },
      (req) => whatsapp.broadcasts(req.tenant),
    );
    app.post(
      '/whatsapp/broadcasts',
      {
        config: write,
        schema: {
          tags,
          summary: 'Send an approved template to every opted-in contact with the tags (throttled)',
          body: CreateBroadcastBodySchema,
          response: { 201: BroadcastSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await whatsapp.createBroadcast(req.tenant, req.body)),
    );
    app.get(
      '/whatsapp/broadcasts/:id/recipients',
      {
        config: read,
        schema: {
          tags,
          summary: 'Per-recipient delivery report',
          params: IdParamsSchema,
          response: { 200: BroadcastRecipientListSchema },
        },
      },
      (req) => whatsapp.broadcastRecipients(req.tenant, req.params.id),
    );
  };
