import { and, eq, gt, ne } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { sessions, users } from '../db/schema';
import { deriveKey } from '../lib/keys';
import { newId } from '../lib/random';
import { signSessionToken, verifySessionToken } from './session-token';
import type { User } from '../../../shared/schemas/auth';
import { toUser } from './users';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** Creates a session row and the signed cookie value naming it. */
export async function startSession(deps: Deps, userId: string, userAgent: string | undefined) {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlMs);
  const sessionId = newId('ses');
  await deps.db.insert(sessions).values({
    id: sessionId,
    userId,
    createdAt: now,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  const token = await signSessionToken(
    { sessionId, userId },
    { key: await deriveKey(deps.config.authSecret, 'session-jwt'), issuer: deps.config.publicUrl, expiresAt, now },
  );
  return { sessionId, token, expiresAt };
}

/** The signed-in user for a cookie value, or null when it is forged, expired or revoked. */
export async function resolveSession(deps: Deps, token: string): Promise<{ user: User; sessionId: string } | null> {
  const now = deps.clock.now();
  const claims = await verifySessionToken(token, {
    key: await deriveKey(deps.config.authSecret, 'session-jwt'),
    issuer: deps.config.publicUrl,
    now,
  });
  if (!claims) return null;
  const [row] = await deps.db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, claims.sessionId), eq(sessions.userId, claims.userId), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ? { user: toUser(row.user), sessionId: claims.sessionId } : null;
}

export async function endSession(deps: Pick<AppDeps, 'db'>, sessionId: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs the user out everywhere except `keepSessionId` (the browser that asked, if any). */
export async function endOtherSessions(deps: Pick<AppDeps, 'db'>, userId: string, keepSessionId: string | null) {
  await deps.db
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}
