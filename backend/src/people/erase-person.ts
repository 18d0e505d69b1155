import { and, eq, inArray, sql } from 'drizzle-orm';
import type { EraseResult } from '../../../shared/schemas/people';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { campaignAttachments, campaigns, erasedAddresses, jobLinks, recipients, sendJobs, suppressions, trackingEvents } from '../db/schema';
import { filesOnlyTheyName } from '../attachments/files-only-they-name';
import { forgetLaunchedFiles } from '../attachments/launched-files';
import { hashAddress } from '../lib/address-hash';
import { ERASED_EMAIL, ERASED_KEY_PREFIX, ERASED_REASON } from '../../../shared/lib/erased-recipient';

/**
 * Erases one address from everything of one user (GDPR Art. 17), in one batch (one transaction):
 * - each recipient row with it stays as a placeholder (shared/lib/erased-recipient.ts), so the
 *   campaign's figures do not change: no address, no fields, no reason; one still waiting is skipped;
 * - its queued messages are cancelled; every message of it loses its Gmail ids, Message-ID and
 *   reason, and its rewritten links (which may hold the address merged into them); no later open or
 *   click of an old message is recorded (`tracked` off), and no reply or bounce to one is matched;
 * - its tracking events keep what the figures count (kind, step, person or machine, time) and lose
 *   the IP address, the user agent and the URL;
 * - each per-recipient file its attachment column named goes, unless another recipient of that
 *   campaign names it too (attachments/files-only-they-name.ts): an invoice made out to them is
 *   their data, and its name often holds theirs; shared files stay with the campaign;
 * - its suppression row goes; a keyed hash of it joins `erased_addresses`, so a later import counts
 *   it as suppressed without the address being stored (lib/address-hash.ts);
 * - the campaigns it was in get a new version, so the extension's copy of their recipients is
 *   refreshed (sync feed).
 * Every statement names the person by (user, address key), read inside the batch: an import of the
 * address racing with it is erased too. Then the WAL is checkpointed, so the old pages leave the
 * -wal file (with `secure_delete` on, db/open-database.ts, freed content is zeroed in the file).
 *
 * Erasing an address held nowhere still records its hash and answers zero counts.
 *
 * @example const result = await erasePerson(deps, { userId, key: 'ada@example.com', actor: actorOf(c) })
 */
export async function erasePerson(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger'>,
  input: { userId: string; key: string; actor: AuditActor },
): Promise<EraseResult> {
  const { db } = deps;
  const { userId, key } = input;
  const hash = await hashAddress(deps.config.authSecret, userId, key);
  const now = deps.clock.now();
  // Read before the batch: the batch's last statement clears the fields that name the files.
  const files = await filesOnlyTheyName(deps, { userId, key });

  // recipients_by_user_address answers each of these; the ids are read inside the batch's transaction.
  const theirIds = db
    .select({ id: recipients.id })
    .from(recipients)
    .where(and(eq(recipients.userId, userId), eq(recipients.emailKey, key)));
  const theirCampaigns = db
    .select({ id: recipients.campaignId })
    .from(recipients)
    .where(and(eq(recipients.userId, userId), eq(recipients.emailKey, key)));
  const theirJobs = db
    .select({ id: sendJobs.id })
    .from(sendJobs)
    .where(and(eq(sendJobs.userId, userId), inArray(sendJobs.recipientId, theirIds)));

  const [, , , events, , , filesDeleted, recipientsChanged] = await db.batch([
    db
      .update(campaigns)
      .set({ version: sql`${campaigns.version} + 1`, updatedAt: now })
      .where(and(eq(campaigns.userId, userId), inArray(campaigns.id, theirCampaigns))),
    db.delete(jobLinks).where(inArray(jobLinks.jobId, theirJobs)),
    db
      .update(sendJobs)
      .set({
        status: sql`CASE WHEN ${sendJobs.status} = 'queued' THEN 'cancelled' ELSE ${sendJobs.status} END`,
        // A Gmail error can quote the address; a cancelled message says why instead.
        statusReason: sql`CASE WHEN ${sendJobs.status} = 'queued' THEN ${ERASED_REASON} ELSE NULL END`,
        gmailMessageId: null,
        gmailThreadId: null,
        // Our Message-ID names only ids, but a reply or a bounce quoting it (In-Reply-To) would be
        // matched to the placeholder and store its diagnostic, which often quotes the address.
        // A message being sent right now keeps its own: the engine checks Gmail for it.
        messageId: sql`CASE WHEN ${sendJobs.status} = 'sending' THEN ${sendJobs.messageId} ELSE ${ERASED_KEY_PREFIX} || ${sendJobs.id} END`,
        tracked: false,
      })
      .where(and(eq(sendJobs.userId, userId), inArray(sendJobs.recipientId, theirIds))),
    // tracking_events_by_campaign_kind_recipient: the campaigns first, then the recipients in the index.
    db
      .update(trackingEvents)
      .set({ ipAddress: null, userAgent: null, url: null })
      .where(and(inArray(trackingEvents.campaignId, theirCampaigns), inArray(trackingEvents.recipientId, theirIds))),
    db.delete(suppressions).where(and(eq(suppressions.userId, userId), eq(suppressions.emailKey, key))),
    db
      .insert(erasedAddresses)
      .values({ userId, addressHash: hash, erasedAt: now })
      .onConflictDoUpdate({ target: [erasedAddresses.userId, erasedAddresses.addressHash], set: { erasedAt: now } }),
    // Per-recipient files only: a shared one (every recipient's) never goes with one person.
    db.delete(campaignAttachments).where(
      and(
        eq(campaignAttachments.userId, userId),
        eq(campaignAttachments.shared, false),
        inArray(
          campaignAttachments.id,
          files.map((file) => file.id),
        ),
      ),
    ),
    // Last: every statement above finds the person by this row's address key.
    db
      .update(recipients)
      .set({
        email: ERASED_EMAIL,
        emailKey: sql`${ERASED_KEY_PREFIX} || ${recipients.id}`,
        fields: {},
        status: sql`CASE WHEN ${recipients.status} = 'pending' THEN 'skipped' ELSE ${recipients.status} END`,
        statusReason: sql`CASE WHEN ${recipients.status} = 'pending' THEN ${ERASED_REASON} ELSE NULL END`,
      })
      .where(and(eq(recipients.userId, userId), eq(recipients.emailKey, key))),
  ]);
  const result: EraseResult = { erased: true, campaigns: recipientsChanged.rowsAffected, events: events.rowsAffected, files: filesDeleted.rowsAffected };

  forgetLaunchedFiles(files);
  await checkpoint(deps);
  // Files counted only when some went: most campaigns name none per recipient.
  const filesDetail: Record<string, number> = result.files > 0 ? { recipientFilesDeleted: result.files } : {};
  await recordAudit(deps, { userId, actor: input.actor, action: 'person.erased', subject: hash, detail: { campaigns: result.campaigns, events: result.events, ...filesDetail } });
  return result;
}

/**
 * Copies the WAL into the database file and truncates it to zero bytes, so the pages that held the
 * address before the erasure are no longer in the -wal file. An embedded file only: a remote
 * libsql server (Turso) may refuse the pragma, and its own copies are the provider's (README,
 * /privacy).
 */
async function checkpoint(deps: Pick<AppDeps, 'db' | 'logger'>): Promise<void> {
  try {
    await deps.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  } catch (error) {
    deps.logger.warn('wal checkpoint after an erasure failed', { error });
  }
}
