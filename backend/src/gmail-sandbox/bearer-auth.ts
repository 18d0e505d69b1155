import type { Context } from 'hono';
import { apiError } from './google-errors';
import type { SandboxDeps } from './sandbox-deps';
import { allows, type ScopedOperation } from './scopes';
import type { Token } from './token-store';

export type Caller = { mailbox: string; token: Token; access: 'full' | 'metadata' };

/** The access token of the Authorization header (RFC 6750 §2.1), if any, whatever its state. */
export async function lookupBearer(c: Context, deps: SandboxDeps): Promise<Token | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '');
  if (!match) return undefined;
  const token = await deps.tokens.getToken(match[1]!);
  return token?.kind === 'access' ? token : undefined;
}

/**
 * Checks the bearer token for a Gmail call: 401 `authError` when missing, unknown, expired or
 * revoked (Google gives the same answer for all four), 403 `insufficientPermissions` when no
 * granted scope allows the operation, 403 `forbidden` "Delegation denied" when `userId` names
 * another mailbox.
 */
export function authorise(c: Context, deps: SandboxDeps, token: Token | undefined, operation: ScopedOperation, userId?: string): Caller | Response {
  const now = deps.clock.now().getTime();
  if (!token || token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= now)) return apiError(c, 401);
  const access = allows(token.scopes, operation);
  if (!access) return apiError(c, 403, { reason: 'insufficientPermissions', message: 'Request had insufficient authentication scopes.' });
  if (userId !== undefined && userId !== 'me' && userId.toLowerCase() !== token.mailbox) {
    return apiError(c, 403, { reason: 'forbidden', message: `Delegation denied for ${token.mailbox}` });
  }
  return { mailbox: token.mailbox, token, access };
}
