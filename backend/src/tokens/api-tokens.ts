import { and, desc, eq } from 'drizzle-orm';
import { API_TOKEN_PREFIX, type ApiToken, type CreatedToken } from '../../../shared/schemas/tokens';
import type { AppDeps } from '../deps';
import { apiTokens, users } from '../db/schema';
import { encodeBase64url } from '../lib/base64';
import { newId, randomBytes, sha256Hex } from '../lib/random';

type Deps = Pick<AppDeps, 'db' | 'clock'>;
type TokenRow = typeof apiTokens.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** Writing `last_used_at` on every request would turn each read into a write; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * A 256-bit random secret behind a recognisable prefix. Only its SHA-256 is stored: the secret has
 * full entropy, so a slow password hash would add nothing but latency to every API call.
 */
export async function createApiToken(deps: Deps, userId: string, name: string): Promise<CreatedToken> {
  const token = API_TOKEN_PREFIX + encodeBase64url(randomBytes(32));
  const row: TokenRow = {
    id: newId('tok'),
    userId,
    name,
    tokenHash: await sha256Hex(token),
    preview: `${token.slice(0, API_TOKEN_PREFIX.length + 6)}…`,
    createdAt: deps.clock.now(),
    lastUsedAt: null,
  };
  await deps.db.insert(apiTokens).values(row);
  return { ...toApiToken(row), token };
}

export async function listApiTokens(deps: Pick<AppDeps, 'db'>, userId: string): Promise<ApiToken[]> {
  const rows = await deps.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toApiToken);
}

/**
 * The revoked token's name (for the audit log), or null when no token of this user has that id
 * (another user's token is as absent as a missing one).
 */
export async function revokeApiToken(deps: Pick<AppDeps, 'db'>, userId: string, tokenId: string): Promise<{ name: string } | null> {
  const [deleted] = await deps.db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ name: apiTokens.name });
  return deleted ?? null;
}

/**
 * Every token of the user: a password change does this unless the user keeps them, so a token
 * made (or stolen) under the old password does not outlive it (issue 12).
 */
export async function revokeAllApiTokens(deps: Pick<AppDeps, 'db'>, userId: string): Promise<number> {
  const deleted = await deps.db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ id: apiTokens.id });
  return deleted.length;
}

/**
 * The user row a bearer token belongs to, or null for an unknown or revoked token. The row, not the
 * API's `User`: auth turns it into one (tokens depends on nothing of auth).
 */
export async function resolveApiToken(deps: Deps, token: string): Promise<{ user: UserRow; tokenId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await deps.db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, await sha256Hex(token)))
    .limit(1);
  if (!row) return null;
  const now = deps.clock.now();
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return { user: row.user, tokenId: row.token.id };
}

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    preview: row.preview,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
