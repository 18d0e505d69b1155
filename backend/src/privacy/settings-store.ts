import { eq } from 'drizzle-orm';
import type { Settings, SettingsPatch } from '../../../shared/schemas/settings';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { users } from '../db/schema';
import { ProblemError } from '../http/problem';

type UserRow = typeof users.$inferSelect;

/** A user's settings as `GET /api/settings` answers them; undefined when the user is gone. */
export async function readSettings(deps: Pick<AppDeps, 'db' | 'config'>, userId: string): Promise<Settings | undefined> {
  const [row] = await deps.db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row === undefined ? undefined : toSettings(row, deps.config.tracking);
}

/** The settings after a patch, and the names of those it changed (`retention.ipAddressDays`): what the audit log records. */
export type SettingsChange = { settings: Settings; changed: string[] };

/**
 * Applies a validated patch. The IP addresses of kept events are dropped after `ipAddressDays`, so
 * that period can never be longer than the events' own (`trackingEventsDays`): checked on the merged
 * values, since a patch may change only one of them. '' or null clears the postal address. A change
 * is recorded in the audit log by name (and new value, except the postal address: only that it was
 * set or cleared).
 *
 * @example const { settings, changed } = await updateSettings(deps, user.id, { retention: { ipAddressDays: 7 } }, actorOf(c));
 */
export async function updateSettings(
  deps: Pick<AppDeps, 'db' | 'config' | 'clock' | 'logger'>,
  userId: string,
  patch: SettingsPatch,
  actor: AuditActor,
): Promise<SettingsChange | undefined> {
  const [row] = await deps.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (row === undefined) return undefined;
  const before = toSettings(row, deps.config.tracking);
  const after: Settings = {
    ...before,
    truncateIpAddresses: patch.truncateIpAddresses ?? before.truncateIpAddresses,
    retention: { ...before.retention, ...definedOnly(patch.retention ?? {}) },
    postalAddress: patch.postalAddress === undefined ? before.postalAddress : patch.postalAddress === '' ? null : patch.postalAddress,
  };
  if (after.retention.ipAddressDays > after.retention.trackingEventsDays) {
    const field = patch.retention?.ipAddressDays !== undefined ? 'retention.ipAddressDays' : 'retention.trackingEventsDays';
    throw new ProblemError('validation-failed', {
      detail: 'IP addresses cannot be kept longer than the tracking events they belong to.',
      errors: [
        {
          field,
          message: `IP addresses (${days(after.retention.ipAddressDays)}) cannot be kept longer than tracking events (${days(after.retention.trackingEventsDays)})`,
        },
      ],
    });
  }
  const changed = changedNames(before, after);
  if (changed.length > 0) {
    // Only the changed columns: a parallel patch of another setting is not undone by this one.
    await deps.db.update(users).set(changedColumns(after, changed)).where(eq(users.id, userId));
    await recordAudit(deps, { userId, actor, action: 'settings.changed', detail: auditDetail(after, changed) });
  }
  return { settings: after, changed };
}

/** The settings stored on a user row; `trackingMode` is the operator's, added where the server answers. */
export function toSettings(row: UserRow, trackingMode?: Settings['trackingMode']): Settings {
  return {
    truncateIpAddresses: row.truncateIpAddresses,
    retention: {
      trackingEventsDays: row.trackingEventsDays,
      ipAddressDays: row.ipAddressDays,
      finishedCampaignRecipientsDays: row.finishedCampaignRecipientsDays,
    },
    postalAddress: row.postalAddress,
    ...(trackingMode === undefined ? {} : { trackingMode }),
  };
}

const days = (n: number) => new Intl.NumberFormat('en', { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(n);

function changedColumns(after: Settings, changed: string[]): Partial<UserRow> {
  const columns: Partial<UserRow> = {
    truncateIpAddresses: after.truncateIpAddresses,
    trackingEventsDays: after.retention.trackingEventsDays,
    ipAddressDays: after.retention.ipAddressDays,
    finishedCampaignRecipientsDays: after.retention.finishedCampaignRecipientsDays,
    postalAddress: after.postalAddress,
  };
  const names: Record<string, keyof UserRow> = {
    truncateIpAddresses: 'truncateIpAddresses',
    'retention.trackingEventsDays': 'trackingEventsDays',
    'retention.ipAddressDays': 'ipAddressDays',
    'retention.finishedCampaignRecipientsDays': 'finishedCampaignRecipientsDays',
    postalAddress: 'postalAddress',
  };
  return Object.fromEntries(changed.map((name) => [names[name], columns[names[name]!]]));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function changedNames(before: Settings, after: Settings): string[] {
  const names: string[] = [];
  if (before.truncateIpAddresses !== after.truncateIpAddresses) names.push('truncateIpAddresses');
  for (const key of ['trackingEventsDays', 'ipAddressDays', 'finishedCampaignRecipientsDays'] as const) {
    if (before.retention[key] !== after.retention[key]) names.push(`retention.${key}`);
  }
  if (before.postalAddress !== after.postalAddress) names.push('postalAddress');
  return names;
}

/** `{ 'retention.ipAddressDays': 7, postalAddress: 'set' }`: the address is the user's own text, kept out of the log. */
function auditDetail(after: Settings, changed: string[]): Record<string, string | number | boolean | null> {
  const values: Record<string, string | number | boolean | null> = {
    truncateIpAddresses: after.truncateIpAddresses,
    'retention.trackingEventsDays': after.retention.trackingEventsDays,
    'retention.ipAddressDays': after.retention.ipAddressDays,
    'retention.finishedCampaignRecipientsDays': after.retention.finishedCampaignRecipientsDays,
    postalAddress: after.postalAddress === null ? 'cleared' : 'set',
  };
  return Object.fromEntries(changed.map((name) => [name, values[name] ?? null]));
}
