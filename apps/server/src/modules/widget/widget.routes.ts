import {
  PublicWidgetConfigSchema,
  UpdateWidgetConfigBodySchema,
  WidgetAttachmentSchema,
  WidgetClientFrameSchema,
  WidgetConfigSchema,
  WidgetEventsBodySchema,
  WidgetFramesResponseSchema,
  WidgetIdentifyBodySchema,
  WidgetKeyParamsSchema,
  WidgetMessagesQuerySchema,
  WidgetMessagesSchema,
  type WidgetServerFrame,
  WidgetSessionBodySchema,
  WidgetSessionSchema,
} from '@companero/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerOf } from '../../http/plugins/auth.ts';
import type { WsHeartbeat } from '../../http/ws-heartbeat.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { VisitorClaims, VisitorTokens } from '../../platform/security/visitor-tokens.ts';
import { ATTACHMENT_MAX_BYTES, originAllowed, type WidgetService } from './widget.service.ts';
import type { WidgetGateway } from './widget-gateway.ts';

const originOf = (req: FastifyRequest) =>
  typeof req.headers.origin === 'string' && req.headers.origin !== 'null' ? req.headers.origin : undefined;

/** The creator's side: settings, theme, allowed sites, key rotation. */
export const widgetConfigRoutes =
  ({ widget }: { widget: WidgetService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['widget'];
    app.get(
      '/widget-config',
      {
        config: { auth: 'widget:read' },
        schema: {
          tags,
          summary: 'The web chat widget’s settings and public key (created with defaults on first read)',
          response: { 200: WidgetConfigSchema },
        },
      },
      (req) => widget.getConfig(req.tenant),
    );
    app.patch(
      '/widget-config',
      {
        config: { auth: 'widget:write' },
        schema: {
          tags,
          summary: 'Change the widget’s theme, allowed sites, limits, or switch it off',
          body: UpdateWidgetConfigBodySchema,
          response: { 200: WidgetConfigSchema },
        },
      },
      (req) => widget.updateConfig(req.tenant, req.body),
    );
    app.post(
      '/widget-config/rotate-key',
      {
        config: { auth: 'widget:write' },
        schema: {
          tags,
          summary: 'Issue a new public key; pages embedding the old one stop working',
          body: z.strictObject({}).optional(),
          response: { 200: WidgetConfigSchema },
        },
      },
      (req) => widget.rotateKey(req.tenant),
    );
    app.get(
      '/conversations/:id/attachments/:attachmentId',
      {
        config: { auth: 'conversations:read' },
        schema: {
          tags: ['conversations'],
          summary: 'Download a file the client attached in this conversation (web widget)',
          params: z.strictObject({ id: z.uuid(), attachmentId: z.uuid() }),
        },
      },
      async (req, reply) => {
        const { row, stream } = await widget.openFile(req.tenant.creatorId, req.params.attachmentId);
        if (row.conversationId !== req.params.id) throw new AppError('NOT_FOUND', 'File not found');
        reply.header('content-type', row.mime);
        reply.header('x-content-type-options', 'nosniff');
        reply.header(
          'content-disposition',
          `${row.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(row.name)}`,
        );
        reply.header('cache-control', 'private, max-age=3600');
        return reply.send(stream);
      },
    );
  };

/**
 * What pages and their visitors call: public key lookups and sessions, then
 * the visitor token for history, realtime, files and identity. CORS is open on
 * these paths (app.ts); the allowed-sites list is checked here instead.
 */
export const widgetRoutes =
  ({
    widget,
    gateway,
    tokens,
    heartbeat,
  }: {
    widget: WidgetService;
    gateway: WidgetGateway;
    tokens: VisitorTokens;
    heartbeat: WsHeartbeat;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['widget'];
    await app.register(fastifyMultipart, { limits: { files: 1, fields: 0, fileSize: ATTACHMENT_MAX_BYTES } });

    app.get(
      '/widget/config/:key',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'A widget’s theme and coach name (for the launcher, before any session)',
          params: WidgetKeyParamsSchema,
          response: { 200: PublicWidgetConfigSchema },
        },
      },
      async (req, reply) => {
        const config = await widget.publicConfig(req.params.key, originOf(req));
        reply.header('cache-control', 'public, max-age=60');
        reply.header('vary', 'origin');
        return config;
      },
    );

    app.post(
      '/widget/sessions',
      {
        config: { auth: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags,
          summary:
            'Exchange a public widget key for a short-lived visitor token and the visitor’s conversation',
          body: WidgetSessionBodySchema,
          response: { 201: WidgetSessionSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await widget.openSession(req.body, originOf(req))),
    );

    app.get(
      '/widget/messages',
      {
        config: { auth: 'visitor' },
        schema: {
          tags,
          summary: 'The visitor’s conversation, oldest first (after a message, or the latest ones)',
          querystring: WidgetMessagesQuerySchema,
          response: { 200: WidgetMessagesSchema },
        },
      },
      (req) => gateway.history(req.visitor, req.query),
    );

    app.post(
      '/widget/frames',
      {
        config: { auth: 'visitor' },
        schema: {
          tags,
          summary:
            'Send one realtime frame without a WebSocket (the answer frames come back; replies stream on /widget/events)',
          body: WidgetClientFrameSchema,
          response: { 200: WidgetFramesResponseSchema },
        },
      },
      async (req) => {
        const frames: WidgetServerFrame[] = [];
        await gateway.handle(req.visitor, req.body, (f) => frames.push(f));
        return { frames };
      },
    );

    app.get(
      '/widget/events',
      {
        config: { auth: 'visitor' },
        schema: {
          tags,
          summary:
            'Server-Sent Events: the realtime frames of the visitor’s conversation (fallback for /widget/live)',
        },
      },
      async (req, reply) => {
        reply.hijack();
        reply.raw.writeHead(200, {
          ...(reply.getHeaders() as Record<string, string>),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
        });
        const write = (f: WidgetServerFrame) => {
          if (!reply.raw.writableEnded) reply.raw.write(`event: ${f.type}\ndata: ${JSON.stringify(f)}\n\n`);
        };
        const v = req.visitor;
        const off = await gateway.subscribe(v, write);
        write({ type: 'ready', conversationId: v.conversationId, status: await gateway.statusOf(v) });
        // A comment every 25 s keeps proxies from closing an idle stream.
        const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
        reply.raw.on('close', () => {
          clearInterval(keepAlive);
          void off();
        });
      },
    );

    app.post(
      '/widget/identify',
      {
        config: { auth: 'visitor' },
        schema: {
          tags,
          summary: 'Name the visitor (shown in the creator’s inbox)',
          body: WidgetIdentifyBodySchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await widget.identify(req.visitor, req.body);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/widget/attachments',
      {
        config: { auth: 'visitor', rateLimit: { max: 20, timeWindow: 60_000 } },
        schema: {
          tags,
          summary:
            'Attach a file (PNG, JPEG, GIF, WebP or PDF, up to 5 MB; checked by content) to send with a message',
          consumes: ['multipart/form-data'],
          response: { 201: WidgetAttachmentSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the file as multipart/form-data');
        const part = await req.file();
        if (!part) throw new AppError('VALIDATION_FAILED', 'Attach one file in the field `file`');
        const bytes = await part.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') return null;
          throw err;
        });
        if (!bytes) throw new AppError('PAYLOAD_TOO_LARGE', `${part.filename} is over the 5 MB limit`);
        return reply.status(201).send(await widget.attach(req.visitor, { filename: part.filename, bytes }));
      },
    );

    app.get(
      '/widget/files/:creatorId/:id',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'A file attached in a conversation, behind a signed, expiring link',
          params: z.strictObject({ creatorId: z.uuid(), id: z.uuid() }),
          querystring: z.strictObject({ exp: z.coerce.number().int(), sig: z.string().max(100) }),
        },
      },
      async (req, reply) => {
        const { row, stream } = await widget.openSignedFile(
          req.params.creatorId,
          req.params.id,
          req.query.exp,
          req.query.sig,
        );
        reply.header('content-type', row.mime);
        reply.header('x-content-type-options', 'nosniff');
        reply.header(
          'content-disposition',
          `${row.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(row.name)}`,
        );
        reply.header('cache-control', 'private, max-age=3600');
        reply.header('cross-origin-resource-policy', 'cross-origin');
        return reply.send(stream);
      },
    );

    app.post(
      '/widget/analytics',
      {
        config: { auth: 'public', rateLimit: { max: 120, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'Widget beacons: loaded, opened, message sent, conversation started',
          body: WidgetEventsBodySchema,
          response: { 202: z.object({ accepted: z.number().int() }) },
        },
      },
      async (req, reply) => {
        await widget.track(req.body.key, originOf(req), req.body.events);
        return reply.status(202).send({ accepted: req.body.events.length });
      },
    );

    app.route({
      method: 'GET',
      url: '/widget/live',
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'WebSocket: the visitor’s realtime frames (subprotocols `companero.v1` and `bearer.<visitor token>`)',
        description:
          'Close codes: 4401 the token is invalid or expired (open a new session), 4403 this site may not use the widget.',
      },
      handler: async () => {
        throw new AppError('MALFORMED_REQUEST', 'Connect with a WebSocket (Upgrade: websocket)');
      },
      wsHandler: async (socket, req) => {
        const send = (f: WidgetServerFrame) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(f));
        };
        const token = bearerOf(req);
        let v: VisitorClaims;
        try {
          if (!token) throw new AppError('UNAUTHENTICATED', 'Send the visitor token');
          v = await tokens.verify(token);
        } catch (err) {
          send({
            type: 'error',
            code: (err as AppError).code ?? 'UNAUTHENTICATED',
            detail: 'Open a new session',
          });
          socket.close(4401, 'Invalid or expired token');
          return;
        }
        // Frames sent before the socket is ready wait (a few of them) and run in order after.
        const pending: Buffer[] = [];
        let ready = false;
        let closed = false;
        let off: (() => Promise<void>) | undefined;
        socket.on('close', () => {
          closed = true;
          void off?.();
        });
        socket.on('message', (data: Buffer) => {
          if (ready) return onFrame(data);
          if (pending.push(data) > 20) socket.close(1008, 'Too many frames before ready');
        });
        const log = req.log;
        const origin = originOf(req)?.toLowerCase();
        let status: Awaited<ReturnType<WidgetGateway['statusOf']>>;
        try {
          const settings = await gateway.settingsOf(v.creatorId);
          if (
            !settings.enabled ||
            (v.origin && origin && origin !== v.origin) ||
            !originAllowed(settings.allowedOrigins, origin)
          ) {
            send({
              type: 'error',
              code: 'ORIGIN_NOT_ALLOWED',
              detail: 'This website may not use this widget',
            });
            socket.close(4403, 'Origin not allowed');
            return;
          }
          status = await gateway.statusOf(v);
        } catch {
          socket.close(4403, 'Widget not found');
          return;
        }
        if (closed) return;
        const unsubscribe = await gateway.subscribe(v, send);
        // Closed while subscribing: the close handler ran before there was anything to undo.
        if (closed) return void unsubscribe();
        off = unsubscribe;
        heartbeat.watch(socket);
        function onFrame(data: Buffer) {
          let frame: z.infer<typeof WidgetClientFrameSchema>;
          try {
            frame = WidgetClientFrameSchema.parse(JSON.parse(String(data)));
          } catch {
            send({ type: 'error', code: 'VALIDATION_FAILED', detail: 'Unrecognised frame' });
            return;
          }
          gateway.handle(v, frame, send).catch((err: unknown) => {
            log.warn({ err }, 'widget frame failed');
            send({
              type: 'error',
              code: err instanceof AppError ? err.code : 'INTERNAL',
              detail: err instanceof AppError ? err.message : 'The frame could not be processed',
            });
          });
        }
        // No await between subscribing and `ready`: live events never arrive before it.
        send({ type: 'ready', conversationId: v.conversationId, status });
        ready = true;
        for (const data of pending.splice(0)) onFrame(data);
      },
    });
  };
