import type { Cache } from '../../platform/cache/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';

/**
 * Brute-force protection for log-in: failed attempts are counted per account
 * and per IP in fixed windows (in Redis when configured, so every api node
 * shares the count). Over the limit, log-in answers 429 with Retry-After
 * before any password is checked. A success clears the account's count.
 */
export function createLoginThrottle({
  cache,
  maxPerAccount,
  maxPerIp,
  windowSeconds,
}: {
  cache: Pick<Cache, 'get' | 'incr' | 'del'>;
  maxPerAccount: number;
  maxPerIp: number;
  windowSeconds: number;
}) {
  const accountKey = (account: string) => `login-fail:acct:${account}`;
  const ipKey = (ip: string) => `login-fail:ip:${ip}`;
  return {
    async assertAllowed({ ip, account }: { ip: string; account: string }) {
      const [a, i] = await Promise.all([cache.get(accountKey(account)), cache.get(ipKey(ip))]);
      if (Number(a ?? 0) >= maxPerAccount || Number(i ?? 0) >= maxPerIp) {
        throw new AppError('LOGIN_THROTTLED', 'Too many failed log-in attempts. Try again later.', {
          retryAfterSeconds: windowSeconds,
        });
      }
    },
    async recordFailure({ ip, account }: { ip: string; account: string }) {
      await Promise.all([
        cache.incr(accountKey(account), windowSeconds),
        cache.incr(ipKey(ip), windowSeconds),
      ]);
    },
    async reset({ account }: { account: string }) {
      await cache.del(accountKey(account));
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
