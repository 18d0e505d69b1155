import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Person } from '../../../shared/schemas/people';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { campaigns, erasedAddresses, recipients, sendJobs, suppressions, trackingEvents, trackingOptOuts } from '../db/schema';
import { hashAddress } from '../lib/address-hash';

/**
 * Everything one user holds about one address (GDPR Art. 15, right of access): each campaign it is
 * in with its fields, state, messages and tracking events, its suppression row, the tracking
 * opt-out and an earlier erasure (those two only as keyed hashes, so they are looked up by hash).
 * An address held nowhere answers empty lists: that is the true answer to an access request.
 *
 * `key` is the address's comparison key (emailKey); every query is scoped by `userId`.
 *
 * @example const person = await personRecord(deps, user.id, 'ada@example.com')
 */
export async function personRecord(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, userId: string, key: string): Promise<Person> {
  const { db } = deps;
  const hash = await hashAddress(deps.config.authSecret, userId, key);
  // recipients_by_user_address (user_id, email_key): one row per campaign at most.
  const rows = await db
    .select({ recipient: recipients, campaignName: campaigns.name })
    .from(recipients)
    .innerJoin(campaigns, and(eq(campaigns.id, recipients.campaignId), eq(campaigns.userId, userId)))
    .where(and(eq(recipients.userId, userId), eq(recipients.emailKey, key)))
    .orderBy(asc(recipients.createdAt), asc(recipients.id));
  const ids = rows.map((row) => row.recipient.id);
  const campaignIds = rows.map((row) => row.recipient.campaignId);

  const jobs =
    ids.length === 0
      ? []
      : await db
          .select({ recipientId: sendJobs.recipientId, step: sendJobs.step, status: sendJobs.status, sentAt: sendJobs.sentAt })
          .from(sendJobs)
          .where(and(eq(sendJobs.userId, userId), inArray(sendJobs.recipientId, ids)))
          .orderBy(asc(sendJobs.step));
  // Events carry no user id: the campaigns (the user's own, above) and the recipients scope them.
  const events =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(trackingEvents)
          .where(and(inArray(trackingEvents.campaignId, campaignIds), inArray(trackingEvents.recipientId, ids)))
          .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id));
  const [suppression] = await db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.userId, userId), eq(suppressions.emailKey, key)));
  const [optOut] = await db
    .select({ at: trackingOptOuts.createdAt })
    .from(trackingOptOuts)
    .where(and(eq(trackingOptOuts.userId, userId), eq(trackingOptOuts.addressHash, hash)));
  const [erased] = await db
    .select({ at: erasedAddresses.erasedAt })
    .from(erasedAddresses)
    .where(and(eq(erasedAddresses.userId, userId), eq(erasedAddresses.addressHash, hash)));

  return {
    email: key,
    campaigns: rows.map(({ recipient, campaignName }) => ({
      campaignId: recipient.campaignId,
      campaignName,
      email: recipient.email,
      // A plain copy: the stored fields may name `__proto__`, which must stay an ordinary key in the JSON.
      fields: Object.fromEntries(Object.entries(recipient.fields)),
      status: recipient.status,
      statusReason: recipient.statusReason,
      addedAt: recipient.createdAt.toISOString(),
      messages: jobs
        .filter((job) => job.recipientId === recipient.id)
        .map((job) => ({ step: job.step, status: job.status, sentAt: job.sentAt?.toISOString() ?? null })),
      events: events
        .filter((event) => event.recipientId === recipient.id)
        .map((event) => ({
          kind: event.kind,
          step: event.step,
          machine: event.machine,
          url: event.url,
          ipAddress: event.ipAddress,
          userAgent: event.userAgent,
          occurredAt: event.occurredAt.toISOString(),
        })),
    })),
    suppression: suppression
      ? { reason: suppression.reason, source: suppression.sourceCampaignId, createdAt: suppression.createdAt.toISOString() }
      : null,
    trackingOptOutAt: optOut?.at.toISOString() ?? null,
    erasedAt: erased?.at.toISOString() ?? null,
    generatedAt: deps.clock.now().toISOString(),
  };
}

/**
 * The record as shown to someone (the API, the dashboard's "Find a person"), with the audit entry
 * that says who looked: the person is named there only by the keyed hash of the address.
 */
export async function viewPerson(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger'>, input: { userId: string; key: string; actor: AuditActor }): Promise<Person> {
  const person = await personRecord(deps, input.userId, input.key);
  const subject = await hashAddress(deps.config.authSecret, input.userId, input.key);
  await recordAudit(deps, { userId: input.userId, actor: input.actor, action: 'person.viewed', subject });
  return person;
}
