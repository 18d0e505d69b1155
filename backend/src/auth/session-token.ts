import { jwtVerify, SignJWT } from 'jose';

/**
 * The session cookie's value: a JWT that only names a session row. The row, not the JWT, decides
 * whether the session is alive, so signing out or changing the password revokes it at once.
 */
const ALGORITHM = 'HS256';
const AUDIENCE = 'iconnect-session';

export type SessionClaims = { sessionId: string; userId: string };

export async function signSessionToken(
  claims: SessionClaims,
  options: { key: Uint8Array; issuer: string; expiresAt: Date; now: Date },
): Promise<string> {
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(options.issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(options.now.getTime() / 1000))
    .setExpirationTime(Math.floor(options.expiresAt.getTime() / 1000))
    .sign(options.key);
}

/** null for anything that is not a valid, unexpired session token of this server. */
export async function verifySessionToken(
  token: string,
  options: { key: Uint8Array; issuer: string; now: Date },
): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, options.key, {
      algorithms: [ALGORITHM],
      issuer: options.issuer,
      audience: AUDIENCE,
      currentDate: options.now,
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return null;
    return { sessionId: payload.sid, userId: payload.sub };
  } catch {
    return null;
  }
}
