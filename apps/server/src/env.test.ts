import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('starts with embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, devMailbox: true });
    expect(c.DATABASE_URL ?? c.REDIS_URL).toBeUndefined();
    expect(c.publicUrl).toBe('http://localhost:3000');
  });

  it('lists every bad key at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrowError(
      /PORT[\s\S]*DATABASE_URL[\s\S]*JWT_SECRET/,
    );
  });

  it('requires a JWT secret in production and hides the dev mailbox there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(c.devMailbox).toBe(false);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
