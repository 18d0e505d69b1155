import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import type { AppDeps } from '../deps';
import { oauthStates } from '../db/schema';
import { deriveKey } from '../lib/keys';
import { newId } from '../lib/random';

/**
 * The OAuth `state`: a short-lived JWT (HS256 under a key used for nothing else) naming a row that
 * holds the PKCE verifier. Signed, so it cannot be forged or altered; bound to the user who started
 * the consent; single-use through a conditional update; expires in 10 minutes.
 */
export const STATE_TTL_MS = 10 * 60_000;
const ALGORITHM = 'HS256';
const AUDIENCE = 'iconnect-oauth-state';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;
export type PendingConsent = typeof oauthStates.$inferSelect;

export async function createOAuthState(
  deps: Deps,
  input: { userId: string; codeVerifier: string; scopes: string[]; timezone: string | undefined },
): Promise<string> {
  const now = deps.clock.now();
  const id = newId('ost');
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  // Expired consents are never needed again: clear them as new ones are made.
  await deps.db.delete(oauthStates).where(lt(oauthStates.expiresAt, now));
  await deps.db.insert(oauthStates).values({
    id,
    userId: input.userId,
    codeVerifier: input.codeVerifier,
    scopes: input.scopes.join(' '),
    timezone: input.timezone ?? null,
    createdAt: now,
    expiresAt,
  });
  return new SignJWT({ sid: id })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(input.userId)
    .setIssuer(deps.config.publicUrl)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await deriveKey(deps.config.authSecret, 'oauth-state'));
}

export type StateFailure = 'invalid' | 'expired' | 'other-user' | 'used';

/** Checks and consumes the state: it works once, for the user who started the consent. */
export async function consumeOAuthState(
  deps: Deps,
  state: string,
  userId: string,
): Promise<{ ok: true; consent: PendingConsent } | { ok: false; failure: StateFailure }> {
  const now = deps.clock.now();
  let claims: { sid: string; sub: string };
  try {
    const { payload } = await jwtVerify(state, await deriveKey(deps.config.authSecret, 'oauth-state'), {
      algorithms: [ALGORITHM],
      issuer: deps.config.publicUrl,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return { ok: false, failure: 'invalid' };
    claims = { sid: payload.sid, sub: payload.sub };
  } catch (error) {
    return { ok: false, failure: (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid' };
  }
  if (claims.sub !== userId) return { ok: false, failure: 'other-user' };
  const [consent] = await deps.db
    .update(oauthStates)
    .set({ usedAt: now })
    .where(and(eq(oauthStates.id, claims.sid), eq(oauthStates.userId, userId), isNull(oauthStates.usedAt), gt(oauthStates.expiresAt, now)))
    .returning();
  return consent ? { ok: true, consent } : { ok: false, failure: 'used' };
}
