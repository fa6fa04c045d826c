import { hash, verify } from '@node-rs/argon2';

// OWASP 2023 argon2id minimum: m=19 MiB, t=2, p=1 (the library's defaults, spelled out).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id (PHC string, salt included). */
export const hashPassword = (password: string) => hash(password, ARGON2ID);

/** Constant-time check of a password against a PHC argon2 hash; false for malformed hashes. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the account does not exist, so a login
// for an unknown email costs the same time as one with a wrong password.
let decoy: Promise<string> | undefined;
export const decoyHash = () => {
  decoy ??= hashPassword('decoy-password-for-timing');
  return decoy;
};
