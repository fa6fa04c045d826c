import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  type PublicWidgetConfig,
  type UpdateWidgetConfigBody,
  type WidgetConfig,
  type WidgetSession,
  type WidgetSessionBody,
  type WidgetTheme,
  WidgetThemeSchema,
} from '@companero/contracts';
import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import type { TenantContext } from '../../http/plugins/auth.ts';
import type { Cache } from '../../platform/cache/index.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { VisitorClaims, VisitorTokens } from '../../platform/security/visitor-tokens.ts';
import type { FileStorage } from '../../platform/storage/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { WidgetConfigRow, WidgetRepository } from './widget.repository.ts';

const uuidToBytes = (u: string) => Buffer.from(u.replaceAll('-', ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** `wk_` + base64url(creator id | 9 random bytes): public, and it names its tenant. */
export const mintWidgetKey = (creatorId: string) =>
  `wk_${Buffer.concat([uuidToBytes(creatorId), randomBytes(9)]).toString('base64url')}`;

export function creatorOfWidgetKey(key: string): string | undefined {
  if (!/^wk_[A-Za-z0-9_-]{34}$/.test(key)) return undefined;
  const raw = Buffer.from(key.slice(3), 'base64url');
  return raw.length === 25 ? bytesToUuid(raw.subarray(0, 16)) : undefined;
}

/** Does `origin` match the allowed list? An empty list allows every site; `https://*.x.com` matches subdomains. */
export function originAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  if (allowed.length === 0) return true;
  if (!origin) return false;
  const o = origin.toLowerCase();
  return allowed.some((rule) => {
    if (!rule.includes('*.')) return rule === o;
    const [scheme, rest] = rule.split('://*.');
    return (
      o.startsWith(`${scheme}://`) &&
      o.endsWith(`.${rest}`) &&
      o.length > scheme!.length + 3 + rest!.length + 1
    );
  });
}

/** What a page's key resolves to, cached on every node for a minute (invalidated on change). */
interface ResolvedWidget {
  creatorId: string;
  publicKey: string;
  enabled: boolean;
  allowedOrigins: string[];
  theme: WidgetTheme;
  coachName: string;
  visitorMessagesPerMinute: number;
  widgetMessagesPerMinute: number;
}

const CACHE_TTL_SECONDS = 60;
const cacheKey = (publicKey: string) => `widget:key:${publicKey}`;
const creatorCacheKey = (creatorId: string) => `widget:creator:${creatorId}`;
/** How long a node reuses a creator's widget settings for visitors' messages without asking the cache. */
const LOCAL_MEMO_MS = 5000;

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const ATTACHMENT_LINK_TTL_SECONDS = 24 * 3600;

/** PNG, JPEG, GIF, WebP and PDF, recognised by their first bytes (never by name or declared type). */
export function sniffAttachment(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16));
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}

const safeName = (name: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 200) || 'file';

/**
 * The web widget: a creator's settings, the sessions pages exchange a public
 * key for, visitors' history, attachments and beacons. Realtime frames are
 * handled by the gateway (widget-gateway.ts).
 */
export function createWidgetService(deps: {
  db: Database;
  repo: WidgetRepository;
  cache: Cache;
  tokens: VisitorTokens;
  storage: FileStorage;
  audit: Pick<AuditService, 'record' | 'actorOf'>;
  /** Signs attachment links (a server secret). */
  linkSecret: string;
  /** Beacons and new conversations go to analytics. */
  analytics?: Pick<Analytics, 'track'>;
  logger: Pick<Logger, 'warn'>;
}) {
  const { db, repo, cache } = deps;

  const toConfig = (r: WidgetConfigRow): WidgetConfig => ({
    publicKey: r.publicKey,
    enabled: r.enabled,
    allowedOrigins: r.allowedOrigins,
    theme: WidgetThemeSchema.parse(r.theme),
    visitorMessagesPerMinute: r.visitorMessagesPerMinute,
    widgetMessagesPerMinute: r.widgetMessagesPerMinute,
    updatedAt: r.updatedAt.toISOString(),
  });

  async function resolve(key: string): Promise<ResolvedWidget> {
    const creatorId = creatorOfWidgetKey(key);
    if (!creatorId) throw notFound('Widget');
    const cached = await cache.get(cacheKey(key)).catch(() => null);
    if (cached) {
      const hit = JSON.parse(cached) as ResolvedWidget | { missing: true };
      if ('missing' in hit) throw notFound('Widget');
      return hit;
    }
    const found = await db.readAsTenant(creatorId, async (tx) => {
      const row = await repo.findConfig(tx);
      if (!row || row.publicKey !== key) return undefined;
      return { row, coachName: await repo.coachName(tx) };
    });
    const resolved: ResolvedWidget | undefined = found && {
      creatorId,
      publicKey: key,
      enabled: found.row.enabled,
      allowedOrigins: found.row.allowedOrigins,
      theme: WidgetThemeSchema.parse(found.row.theme),
      coachName: found.coachName,
      visitorMessagesPerMinute: found.row.visitorMessagesPerMinute,
      widgetMessagesPerMinute: found.row.widgetMessagesPerMinute,
    };
    await cache
      .set(cacheKey(key), JSON.stringify(resolved ?? { missing: true }), CACHE_TTL_SECONDS)
      .catch(() => undefined);
    if (!resolved) throw notFound('Widget');
    return resolved;
  }

  /** A key that exists, is switched on, and is embedded on an allowed site. */
  async function admit(key: string, origin: string | undefined) {
    const widget = await resolve(key);
    if (!widget.enabled) throw new AppError('NOT_FOUND', 'This widget is switched off');
    if (!originAllowed(widget.allowedOrigins, origin))
      throw new AppError(
        'ORIGIN_NOT_ALLOWED',
        `${origin ?? 'A page with no origin'} may not use this widget`,
      );
    return widget;
  }

  // Per process, a few seconds: a visitor's messages need no cache round trip for the settings.
  const recent = new Map<string, { at: number; widget: ResolvedWidget }>();

  /** The widget of a creator (for visitors already holding a token): by the creator, then by its key. */
  async function forCreator(creatorId: string): Promise<ResolvedWidget> {
    const memo = recent.get(creatorId);
    if (memo && Date.now() - memo.at < LOCAL_MEMO_MS) return memo.widget;
    let key = await cache.get(creatorCacheKey(creatorId)).catch(() => null);
    if (!key) {
      key = (await db.readAsTenant(creatorId, (tx) => repo.findConfig(tx)))?.publicKey ?? null;
      if (!key) throw new AppError('NOT_FOUND', 'This widget no longer exists');
      await cache.set(creatorCacheKey(creatorId), key, CACHE_TTL_SECONDS).catch(() => undefined);
    }
    const widget = await resolve(key);
    if (recent.size > 10_000) recent.clear();
    recent.set(creatorId, { at: Date.now(), widget });
    return widget;
  }

  /** Drops what this node and the shared cache know of a creator's widget (after a change). */
  async function forget(creatorId: string, publicKey: string) {
    recent.delete(creatorId);
    await Promise.all([cache.del(cacheKey(publicKey)), cache.del(creatorCacheKey(creatorId))]).catch(
      () => undefined,
    );
  }

  const publicConfig = (w: ResolvedWidget): PublicWidgetConfig => ({
    theme: w.theme,
    coachName: w.coachName,
  });

  const sign = (creatorId: string, id: string, exp: number) =>
    createHmac('sha256', deps.linkSecret).update(`${creatorId}:${id}:${exp}`).digest('base64url');

  return {
    resolve,
    admit,
    forCreator,

    async getConfig(ctx: TenantContext): Promise<WidgetConfig> {
      const row = await db.withTenant(ctx.creatorId, (tx) =>
        repo.ensureConfig(tx, mintWidgetKey(ctx.creatorId)),
      );
      return toConfig(row);
    },

    async updateConfig(ctx: TenantContext, body: UpdateWidgetConfigBody): Promise<WidgetConfig> {
      const row = await db.withTenant(ctx.creatorId, async (tx) => {
        await repo.ensureConfig(tx, mintWidgetKey(ctx.creatorId));
        const updated = await repo.updateConfig(tx, {
          ...body,
          ...(body.allowedOrigins ? { allowedOrigins: [...new Set(body.allowedOrigins)] } : {}),
          ...(body.theme ? { theme: WidgetThemeSchema.parse(body.theme) } : {}),
        });
        await deps.audit.record(tx, {
          action: 'widget.updated',
          ...deps.audit.actorOf(ctx),
          data: { fields: Object.keys(body) },
        });
        return updated!;
      });
      await forget(ctx.creatorId, row.publicKey);
      return toConfig(row);
    },

    /** A new public key: pages with the old snippet stop working at once (on every node within the cache TTL). */
    async rotateKey(ctx: TenantContext): Promise<WidgetConfig> {
      const { row, old } = await db.withTenant(ctx.creatorId, async (tx) => {
        const current = await repo.ensureConfig(tx, mintWidgetKey(ctx.creatorId));
        const updated = await repo.updateConfig(tx, { publicKey: mintWidgetKey(ctx.creatorId) });
        await deps.audit.record(tx, { action: 'widget.key_rotated', ...deps.audit.actorOf(ctx), data: {} });
        return { row: updated!, old: current.publicKey };
      });
      await forget(ctx.creatorId, old);
      return toConfig(row);
    },

    async publicConfig(key: string, origin: string | undefined): Promise<PublicWidgetConfig> {
      return publicConfig(await admit(key, origin));
    },

    /** Exchanges a page's public key for a visitor token and the visitor's open conversation. */
    async openSession(body: WidgetSessionBody, origin: string | undefined): Promise<WidgetSession> {
      const widget = await admit(body.key, origin);
      const visitorId = body.visitorId ?? randomBytes(18).toString('base64url');
      const { endUser, conversation, started } = await db.withTenant(widget.creatorId, (tx) =>
        repo.openSession(tx, visitorId, body.locale ?? null),
      );
      if (started)
        deps.analytics?.track(
          widget.creatorId,
          'conversation_started',
          { conversationId: conversation.id, channel: 'web' },
          { endUserId: endUser.id },
        );
      const { token, expiresAt } = await deps.tokens.sign({
        creatorId: widget.creatorId,
        endUserId: endUser.id,
        visitorId,
        conversationId: conversation.id,
        origin: origin?.toLowerCase() ?? null,
      });
      return {
        token,
        expiresAt: expiresAt.toISOString(),
        visitorId,
        conversationId: conversation.id,
        status: conversation.status,
        config: publicConfig(widget),
      };
    },

    async identify(v: VisitorClaims, body: { name?: string; email?: string; locale?: 'en' | 'es' }) {
      await db.withTenant(v.creatorId, (tx) =>
        repo.identify(tx, v.endUserId, {
          ...(body.name ? { displayName: body.name } : {}),
          ...(body.email ? { email: body.email } : {}),
          ...(body.locale ? { locale: body.locale } : {}),
        }),
      );
    },

    /** Stores a visitor's file after checking what it really is. */
    async attach(v: VisitorClaims, file: { filename: string; bytes: Uint8Array }) {
      if (file.bytes.length === 0) throw new AppError('FILE_REJECTED', `${file.filename} is empty`);
      const mime = sniffAttachment(file.bytes);
      if (!mime)
        throw new AppError(
          'FILE_REJECTED',
          `${file.filename} is not an image (PNG, JPEG, GIF, WebP) or a PDF`,
        );
      const id = randomUUID();
      const key = `creator_${v.creatorId}/widget/${v.conversationId}/${id}`;
      await deps.storage.put(key, Buffer.from(file.bytes), { contentType: mime });
      try {
        const row = await db.withTenant(v.creatorId, (tx) =>
          repo.insertAttachment(tx, {
            id,
            conversationId: v.conversationId,
            storageKey: key,
            name: safeName(file.filename),
            mime,
            sizeBytes: file.bytes.length,
          }),
        );
        return this.attachmentView(v.creatorId, row);
      } catch (err) {
        await deps.storage.delete(key).catch(() => undefined);
        throw err;
      }
    },

    attachmentView(
      creatorId: string,
      a: { id: string; name: string; mime: string; sizeBytes?: number; size?: number },
      now = Date.now(),
    ) {
      const exp = Math.floor(now / 1000) + ATTACHMENT_LINK_TTL_SECONDS;
      return {
        id: a.id,
        name: a.name,
        mime: a.mime,
        size: a.sizeBytes ?? a.size ?? 0,
        url: `/api/v1/widget/files/${creatorId}/${a.id}?exp=${exp}&sig=${sign(creatorId, a.id, exp)}`,
      };
    },

    /** A file behind a signed link (images in the widget cannot send a token). */
    async openSignedFile(creatorId: string, id: string, exp: number, sig: string) {
      const expected = Buffer.from(sign(creatorId, id, exp));
      const given = Buffer.from(sig);
      if (exp * 1000 < Date.now() || expected.length !== given.length || !timingSafeEqual(expected, given))
        throw new AppError('FORBIDDEN', 'This link is invalid or has expired');
      return this.openFile(creatorId, id);
    },

    async openFile(creatorId: string, id: string) {
      const row = await db.readAsTenant(creatorId, (tx) => repo.findAttachment(tx, id));
      if (!row) throw notFound('File');
      return { row, stream: await deps.storage.get(row.storageKey) };
    },

    /**
     * Widget beacons for the widget's creator: loads and opens (messages and
     * new conversations are recorded by the server itself, where they happen).
     */
    async track(
      key: string,
      origin: string | undefined,
      events: { type: string; at: string; visitorId?: string }[],
    ) {
      const widget = await admit(key, origin);
      const now = Date.now();
      for (const e of events) {
        if (e.type !== 'widget_loaded' && e.type !== 'widget_opened') continue;
        const at = Date.parse(e.at);
        // A visitor's clock is not trusted beyond a day either way.
        const occurredAt = new Date(Math.abs(at - now) > 86_400_000 ? now : at);
        deps.analytics?.track(
          widget.creatorId,
          e.type,
          { visitorId: e.visitorId ?? null },
          { at: occurredAt },
        );
      }
    },
  };
}
export type WidgetService = ReturnType<typeof createWidgetService>;
