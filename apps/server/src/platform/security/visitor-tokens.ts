import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors/app-error.ts';

const ISSUER = 'companero';
const AUDIENCE = 'companero-widget';

/** Who a widget visitor is: their creator, end user record and open conversation, and the page's origin. */
export interface VisitorClaims {
  creatorId: string;
  endUserId: string;
  visitorId: string;
  conversationId: string;
  /** The origin the session was issued to (`null` when the request had none, e.g. a server-side client). */
  origin: string | null;
}

/**
 * Short-lived HS256 tokens for web widget visitors. Their own audience and
 * `typ`, so a visitor token is never accepted where a creator's access token
 * is expected, nor the other way round.
 */
export function createVisitorTokens({ secret, ttlSeconds }: { secret: string; ttlSeconds: number }) {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(claims: VisitorClaims, now = Date.now()) {
      const exp = Math.floor(now / 1000) + ttlSeconds;
      const token = await new SignJWT({
        typ: 'visitor',
        cid: claims.creatorId,
        vid: claims.visitorId,
        cnv: claims.conversationId,
        org: claims.origin,
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.endUserId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000) };
    },
    async verify(token: string): Promise<VisitorClaims> {
      try {
        const { payload: p } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ['sub', 'exp'],
        });
        if (
          p.typ !== 'visitor' ||
          typeof p.sub !== 'string' ||
          typeof p.cid !== 'string' ||
          typeof p.vid !== 'string' ||
          typeof p.cnv !== 'string' ||
          (p.org !== null && typeof p.org !== 'string')
        )
          throw new AppError('UNAUTHENTICATED', 'Invalid visitor token');
        return {
          creatorId: p.cid,
          endUserId: p.sub,
          visitorId: p.vid,
          conversationId: p.cnv,
          origin: (p.org as string | null) ?? null,
        };
      } catch (err) {
        if (err instanceof errors.JWTExpired)
          throw new AppError('TOKEN_EXPIRED', 'The visitor token has expired');
        throw new AppError('UNAUTHENTICATED', 'Invalid visitor token');
      }
    },
  };
}
export type VisitorTokens = ReturnType<typeof createVisitorTokens>;
