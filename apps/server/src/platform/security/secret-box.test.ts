import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox({ fallbackSecret: 'dev-secret-dev-secret-dev-secret-0123' });

  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = box.seal('EAAGm0PX4ZCpsBA-token');
    expect(sealed).not.toContain('EAAGm0PX4ZCpsBA');
    expect(box.open(sealed)).toBe('EAAGm0PX4ZCpsBA-token');
    expect(box.seal('same')).not.toBe(box.seal('same')); // a fresh nonce each time
  });

  it('refuses an altered value and another key', () => {
    const sealed = box.seal('app-secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    const other = createSecretBox({ key: Buffer.alloc(32, 7).toString('base64'), fallbackSecret: 'x' });
    expect(() => other.open(sealed)).toThrow();
    expect(() => createSecretBox({ key: 'c2hvcnQ=', fallbackSecret: 'x' })).toThrow(/32 bytes/);
  });
});
