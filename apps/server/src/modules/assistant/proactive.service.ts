import { randomUUID } from 'node:crypto';
import type { ConversationEvent, ProactiveRule } from '@companero/contracts';
import type { Database, ProactiveTrigger } from '@companero/db';
import type { Logger } from 'pino';
import type { TenantContext } from '../../http/plugins/auth.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { Analytics } from '../analytics/analytics.service.ts';
import type { AssistantRepository } from './assistant.repository.ts';
import { conversationChannel, toMessageWithMeta } from './message-view.ts';
import type { ProactiveCandidate, ProactiveRepository, ProactiveRuleRow } from './proactive.repository.ts';

const DAY_MS = 86_400_000;
/** A schedule fires during this window after its time (the worker runs every few minutes). */
const SCHEDULE_WINDOW_MIN = 120;

/** Local wall-clock parts of `at` in a time zone. */
export function localTime(at: Date, timeZone: string): { date: string; weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `minutes` (local) falls in quiet hours; a window may wrap midnight (21:00–08:00). */
export function inQuietHours(minutes: number, start: string | null, end: string | null): boolean {
  if (!start || !end) return false;
  const s = toMinutes(start);
  const e = toMinutes(end);
  if (s === e) return false;
  return s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
}

/** The schedule occurrence due at this local time, if any (one per local day). */
export function scheduleOccurrence(
  trigger: Extract<ProactiveTrigger, { kind: 'schedule' }>,
  local: { date: string; weekday: number; minutes: number },
): string | null {
  if (!trigger.weekdays.includes(local.weekday)) return null;
  const since = local.minutes - toMinutes(trigger.time);
  return since >= 0 && since < SCHEDULE_WINDOW_MIN ? `day:${local.date}` : null;
}

/** Fills `{{name}}`; without a name, "Hi {{name}}!" reads "Hi!". */
export function personalise(template: string, name: string | null): string {
  const text = template
    .replace(/ ?\{\{\s*name\s*\}\}/g, name ? ` ${name}` : '')
    .trim()
    .replace(/^[,;:]\s*/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A check-in stored in this run: published, sent on and recorded once the transaction commits. */
interface SentEvent {
  conversationId: string;
  channel: ProactiveCandidate['conversationChannel'];
  endUserId: string;
  event: ConversationEvent;
}

const toRule = (row: ProactiveRuleRow, sentCount: number): ProactiveRule => ({
  id: row.id,
  name: row.name,
  enabled: row.enabled,
  trigger: row.trigger,
  message: row.message,
  audienceTag: row.audienceTag,
  cooldownDays: row.cooldownDays,
  sentCount,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * Proactive check-ins: rules the creator defines (inactivity, a weekly
 * schedule, a sentiment drop), evaluated by the worker with a clock passed in.
 * A message goes only to end users who opted in, outside quiet hours in their
 * own time zone, within the weekly cap and the rule's cooldown, once per
 * occurrence (a unique key makes re-runs and concurrent workers safe), into
 * their latest open conversation — never while a human has it.
 */
export function createProactiveService(deps: {
  db: Database;
  repo: ProactiveRepository;
  assistant: Pick<AssistantRepository, 'aiSettings' | 'insertMessage' | 'touchConversation'>;
  pubsub: Pick<PubSub, 'publish'>;
  /** Check-ins in WhatsApp conversations are sent on through the channel (after commit). */
  outbound?: (creatorId: string, conversationId: string, messageIds: string[]) => Promise<void>;
  /** Each check-in sent is a `message_sent` (role `assistant`), after commit; none in some tests. */
  analytics?: Pick<Analytics, 'track'>;
  logger: Pick<Logger, 'info' | 'warn'>;
}) {
  const { db, repo } = deps;

  async function evaluateCreator(creatorId: string, now: Date) {
    const events: SentEvent[] = [];
    const sent = await db.withTenant(creatorId, async (tx) => {
      const settings = await deps.assistant.aiSettings(tx);
      const cap = settings?.maxProactivePerWeek ?? 3;
      const defaultTz = settings?.defaultTimezone ?? 'UTC';
      let count = 0;
      for (const rule of await repo.enabled(tx)) {
        const candidates = await repo.candidates(tx, rule, now);
        for (const c of candidates) {
          if (c.conversationStatus === 'human') continue;
          const local = localTime(now, safeZone(c.timezone ?? defaultTz));
          if (inQuietHours(local.minutes, settings?.quietHoursStart ?? null, settings?.quietHoursEnd ?? null))
            continue;
          const occurrence =
            rule.trigger.kind === 'schedule' ? scheduleOccurrence(rule.trigger, local) : c.occurrence;
          if (!occurrence) continue;
          if ((await repo.sentSince(tx, c.endUserId, new Date(now.getTime() - 7 * DAY_MS))) >= cap) continue;
          if (
            rule.cooldownDays > 0 &&
            (await repo.sentSince(
              tx,
              c.endUserId,
              new Date(now.getTime() - rule.cooldownDays * DAY_MS),
              rule.id,
            )) > 0
          )
            continue;
          if (await send(tx, rule, c, occurrence, now, events)) count++;
        }
      }
      return count;
    });
    for (const { conversationId, event, channel, endUserId } of events) {
      if (event.type === 'message')
        deps.analytics?.track(
          creatorId,
          'message_sent',
          { conversationId, channel, role: 'assistant' },
          { endUserId },
        );
      deps.pubsub
        .publish(conversationChannel(creatorId, conversationId), JSON.stringify(event))
        .catch((err) => deps.logger.warn({ err }, 'could not publish a proactive message'));
      if (deps.outbound && event.type === 'message')
        await deps
          .outbound(creatorId, conversationId, [event.message.id])
          .catch((err) => deps.logger.warn({ err }, 'could not queue a check-in for its channel'));
    }
    return sent;
  }

  async function send(
    tx: Parameters<Parameters<Database['withTenant']>[1]>[0],
    rule: ProactiveRuleRow,
    c: ProactiveCandidate,
    occurrence: string,
    now: Date,
    events: SentEvent[],
  ) {
    const messageId = randomUUID();
    const claimed = await repo.claim(
      tx,
      { ruleId: rule.id, endUserId: c.endUserId, occurrence, conversationId: c.conversationId, messageId },
      now,
    );
    if (!claimed) return false;
    const message = await deps.assistant.insertMessage(tx, {
      id: messageId,
      conversationId: c.conversationId,
      role: 'assistant',
      content: personalise(rule.message, c.displayName),
      metadata: { proactive: { ruleId: rule.id, trigger: rule.trigger.kind }, model: 'proactive' },
    });
    await deps.assistant.touchConversation(tx, c.conversationId);
    if (message)
      events.push({
        conversationId: c.conversationId,
        channel: c.conversationChannel,
        endUserId: c.endUserId,
        event: { type: 'message', message: toMessageWithMeta(message) },
      });
    return true;
  }

  return {
    evaluateCreator,
    /** Every creator with enabled rules; one creator's failure does not stop the others. */
    async evaluateAll(now: Date) {
      const creators = await db.withSystem('proactive check-ins: creators with enabled rules', (tx) =>
        repo.creatorsWithRules(tx),
      );
      let sent = 0;
      for (const creatorId of creators) {
        try {
          sent += await evaluateCreator(creatorId, now);
        } catch (err) {
          deps.logger.warn({ err, creatorId }, 'proactive rules failed for a creator');
        }
      }
      return { creators: creators.length, sent };
    },

    async list(ctx: TenantContext) {
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.list(tx));
      return { items: rows.map((x) => toRule(x.rule, x.sentCount)) };
    },
    async create(
      ctx: TenantContext,
      body: Omit<ProactiveRule, 'id' | 'sentCount' | 'createdAt' | 'updatedAt' | 'cooldownDays'> & {
        cooldownDays?: number;
      },
    ) {
      const row = await db.withTenant(ctx.creatorId, (tx) =>
        repo.insert(tx, {
          ...body,
          // A weekly schedule should fire on each chosen day; other triggers wait a week by default.
          cooldownDays: body.cooldownDays ?? (body.trigger.kind === 'schedule' ? 0 : 7),
        }),
      );
      return toRule(row, 0);
    },
    async update(
      ctx: TenantContext,
      id: string,
      body: Partial<Omit<ProactiveRule, 'id' | 'sentCount' | 'createdAt' | 'updatedAt'>>,
    ) {
      const row = await db.withTenant(ctx.creatorId, (tx) => repo.update(tx, id, body));
      if (!row) throw notFound('Rule');
      return toRule(row, 0);
    },
    async remove(ctx: TenantContext, id: string) {
      const ok = await db.withTenant(ctx.creatorId, (tx) => repo.delete(tx, id));
      if (!ok) throw notFound('Rule');
    },
    async recentSends(ctx: TenantContext) {
      const rows = await db.readAsTenant(ctx.creatorId, (tx) => repo.recentSends(tx, 100));
      return {
        items: rows.map((x) => ({
          id: x.id,
          ruleId: x.ruleId,
          endUserId: x.endUserId,
          conversationId: x.conversationId,
          messageId: x.messageId,
          createdAt: x.createdAt.toISOString(),
        })),
      };
    },
  };
}
export type ProactiveService = ReturnType<typeof createProactiveService>;

function safeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}
