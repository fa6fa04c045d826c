import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets a creator gives us (WhatsApp access tokens, app secrets)
 * before they are stored: AES-256-GCM with a fresh 96-bit nonce per value, so
 * a database dump alone reveals nothing and a tampered value fails to open.
 * The key is `SECRETS_KEY` (32 bytes, base64), or derived from `JWT_SECRET`
 * when unset (development). Stored form: `v1.<nonce>.<tag>.<ciphertext>`, base64url.
 *
 * @example
 * const box = createSecretBox({ key: process.env.SECRETS_KEY, fallbackSecret: jwtSecret });
 * const stored = box.seal('EAAG...'); box.open(stored); // 'EAAG...'
 */
export function createSecretBox(opts: { key?: string; fallbackSecret: string }) {
  const key = opts.key
    ? Buffer.from(opts.key, 'base64')
    : Buffer.from(hkdfSync('sha256', opts.fallbackSecret, 'companero', 'secret-box v1', 32));
  if (key.length !== 32)
    throw new Error('SECRETS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return {
    seal(plain: string): string {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', nonce, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    /** The secret; throws when the value was not sealed with this key or was altered. */
    open(sealed: string): string {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('Not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
export type SecretBox = ReturnType<typeof createSecretBox>;
