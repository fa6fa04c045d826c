import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors/app-error.ts';

const ISSUER = 'companero';
const AUDIENCE = 'companero-api';

export interface AccessClaims {
  creatorId: string;
  familyId: string;
}

/**
 * Short-lived HS256 access tokens. Verification pins the algorithm, issuer and
 * audience, so `alg: none`, tokens signed with another key or for another
 * audience, and expired tokens are all refused.
 */
export function createAccessTokens({ secret, ttlSeconds }: { secret: string; ttlSeconds: number }) {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(claims: AccessClaims, now = Date.now()) {
      const exp = Math.floor(now / 1000) + ttlSeconds;
      const token = await new SignJWT({ fam: claims.familyId, typ: 'access' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.creatorId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },
    async verify(token: string): Promise<AccessClaims> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ['sub', 'exp'],
        });
        if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.fam !== 'string') {
          throw new AppError('UNAUTHENTICATED', 'Invalid access token');
        }
        return { creatorId: payload.sub, familyId: payload.fam };
      } catch (err) {
        if (err instanceof errors.JWTExpired)
          throw new AppError('TOKEN_EXPIRED', 'The access token has expired');
        throw new AppError('UNAUTHENTICATED', 'Invalid access token');
      }
    },
  };
}
export type AccessTokens = ReturnType<typeof createAccessTokens>;
