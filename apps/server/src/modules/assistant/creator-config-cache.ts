import { randomUUID } from 'node:crypto';
import type { Database } from '@companero/db';
import type { Logger } from 'pino';
import type { Cache } from '../../platform/cache/index.ts';
import type { AiSettingsRow, AssistantRepository, PersonalityRow } from './assistant.repository.ts';
import { contentTerms } from './content-terms.ts';
import type { Voice } from './offline-composer.ts';
import { toVoice } from './voice.ts';

/** A correction as the engine matches it: its question's topic terms computed once. */
export interface CachedCorrection {
  id: string;
  question: string;
  answer: string;
  terms: ReadonlySet<string>;
}

/** What every reply of a creator needs and the creator rarely changes. */
export interface CreatorConfig {
  personality: PersonalityRow | undefined;
  voice: Voice;
  settings: AiSettingsRow | undefined;
  corrections: readonly CachedCorrection[];
}

/** The shared version key: a new random value whenever the creator changes any of it. */
export const creatorConfigVersionKey = (creatorId: string) => `assistant:config-version:${creatorId}`;

/** Local copies are re-read at least this often, whatever the version key says (backstop). */
const DEFAULT_TTL_MS = 30_000;
/** The version key outlives any local copy by far; when it expires every node re-reads once. */
const VERSION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The creator's personality, AI settings and corrections, read once and kept
 * in process for every reply. Each node checks a per-creator version key in
 * the cache port (Redis when several api nodes run) before using its copy:
 * `changed(creatorId)`, called after the creator's change commits, writes a new
 * random version, so the very next reply on any node re-reads from the
 * database. One cache read per reply (in-process without Redis) instead of
 * three database reads. A version that cannot be read means "re-read"; a
 * version that cannot be written leaves other nodes at most `ttlMs` behind.
 *
 * Versions are random, never counters: a version key lost (Redis restart,
 * eviction) and recreated can never match a copy taken before.
 */
export function createCreatorConfigCache(deps: {
  db: Database;
  repo: Pick<AssistantRepository, 'personality' | 'aiSettings' | 'allCorrections'>;
  cache: Pick<Cache, 'get' | 'set'>;
  logger: Pick<Logger, 'warn' | 'error'>;
  ttlMs?: number;
  /** Creators kept in process; the least recently loaded go first. */
  maxCreators?: number;
  now?: () => number;
}) {
  const ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  const maxCreators = deps.maxCreators ?? 5_000;
  const now = deps.now ?? Date.now;
  const entries = new Map<string, { version: string | null; expiresAt: number; value: CreatorConfig }>();
  /** One database read per creator and version at a time, however many replies ask. */
  const loading = new Map<string, { version: string | null; promise: Promise<CreatorConfig> }>();

  async function readVersion(creatorId: string): Promise<string | null | undefined> {
    try {
      return await deps.cache.get(creatorConfigVersionKey(creatorId));
    } catch (err) {
      deps.logger.warn(
        { err: (err as Error).message },
        'creator config version unreadable; reading the database',
      );
      return undefined;
    }
  }

  async function load(creatorId: string): Promise<CreatorConfig> {
    const { db, repo } = deps;
    const [personality, settings, corrections] = await Promise.all([
      db.readAsTenant(creatorId, (tx) => repo.personality(tx)),
      db.readAsTenant(creatorId, (tx) => repo.aiSettings(tx)),
      db.readAsTenant(creatorId, (tx) => repo.allCorrections(tx)),
    ]);
    return {
      personality,
      voice: toVoice(personality),
      settings,
      corrections: corrections.map((c) => ({ ...c, terms: new Set(contentTerms(c.question)) })),
    };
  }

  function store(creatorId: string, version: string | null, value: CreatorConfig) {
    entries.delete(creatorId);
    entries.set(creatorId, { version, expiresAt: now() + ttlMs, value });
    while (entries.size > maxCreators) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  return {
    async get(creatorId: string): Promise<CreatorConfig> {
      // The version is read before the database: a change committed after this
      // read bumps the version after it, so a copy tagged with this version is
      // replaced on the next reply.
      const version = await readVersion(creatorId);
      if (version === undefined) return load(creatorId);
      const hit = entries.get(creatorId);
      if (hit && hit.version === version && hit.expiresAt > now()) return hit.value;
      const flying = loading.get(creatorId);
      if (flying && flying.version === version) return flying.promise;
      const promise = load(creatorId).then((value) => {
        store(creatorId, version, value);
        return value;
      });
      const flight = { version, promise };
      loading.set(creatorId, flight);
      const clear = () => {
        if (loading.get(creatorId) === flight) loading.delete(creatorId);
      };
      promise.then(clear, clear);
      return promise;
    },

    /** After the creator's personality, settings or corrections changed (after commit). */
    async changed(creatorId: string): Promise<void> {
      entries.delete(creatorId);
      loading.delete(creatorId);
      try {
        await deps.cache.set(creatorConfigVersionKey(creatorId), randomUUID(), VERSION_TTL_SECONDS);
      } catch (err) {
        deps.logger.error(
          { err: (err as Error).message, creatorId },
          `could not publish a creator config change; other api nodes may answer with the old one for up to ${ttlMs / 1000} s`,
        );
      }
    },
  };
}
export type CreatorConfigCache = ReturnType<typeof createCreatorConfigCache>;
