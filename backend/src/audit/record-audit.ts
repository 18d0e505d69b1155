import type { Context } from 'hono';
import type { AuditAction } from '../../../shared/schemas/audit';
import type { AuthedEnv } from '../app-env';
import type { AppDeps } from '../deps';
import { auditLog } from '../db/schema';

/** Who did it: a signed-in browser, an API token (which one), scheduled work, or someone not signed in. */
export type AuditActor =
  | { actor: 'dashboard'; tokenId: null }
  | { actor: 'token'; tokenId: string }
  | { actor: 'system'; tokenId: null }
  | { actor: 'anonymous'; tokenId: null };

export const DASHBOARD: AuditActor = { actor: 'dashboard', tokenId: null };
export const SYSTEM: AuditActor = { actor: 'system', tokenId: null };
export const ANONYMOUS: AuditActor = { actor: 'anonymous', tokenId: null };

/**
 * The actor of an /api request (behind `authenticate`): a session cookie is the dashboard or the
 * panel's browser; a bearer token names itself. Any route's path and input (only `authentication` is read).
 */
export function actorOf(c: Context<AuthedEnv, any, any>): AuditActor {
  const authentication = c.get('authentication');
  return authentication.kind === 'token' ? { actor: 'token', tokenId: authentication.tokenId } : DASHBOARD;
}

export type AuditEntryInput = {
  userId: string;
  actor: AuditActor;
  action: AuditAction;
  /** What it acted on: a campaign, token or Gmail account id; a person only as `hashAddress` of it. */
  subject?: string | null;
  /** Small facts (counts, names of changed settings). Never a secret, a message body or an address. */
  detail?: Record<string, string | number | boolean | null> | null;
  ipAddress?: string | null;
};

function row(deps: Pick<AppDeps, 'clock'>, entry: AuditEntryInput) {
  return {
    userId: entry.userId,
    occurredAt: deps.clock.now(),
    actor: entry.actor.actor,
    tokenId: entry.actor.tokenId,
    action: entry.action,
    subject: entry.subject ?? null,
    detail: entry.detail ?? null,
    ipAddress: entry.ipAddress ?? null,
  };
}

/**
 * Appends one entry. The action has already happened: a failed write is logged (without the
 * entry's detail) rather than turned into an error for an action that succeeded.
 *
 * @example await recordAudit(deps, { userId, actor: actorOf(c), action: 'campaign.launched', subject: campaign.id })
 */
export async function recordAudit(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>, entry: AuditEntryInput): Promise<void> {
  try {
    await deps.db.insert(auditLog).values(row(deps, entry));
  } catch (error) {
    deps.logger.error('audit entry not written', { error, action: entry.action, userId: entry.userId });
  }
}

/** The same entry as a statement for `db.batch`, when it must be written with the change itself or not at all. */
export function auditStatement(deps: Pick<AppDeps, 'db' | 'clock'>, entry: AuditEntryInput) {
  return deps.db.insert(auditLog).values(row(deps, entry));
}
