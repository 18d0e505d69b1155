import { and, asc, eq, gt, isNotNull, ne } from 'drizzle-orm';
import { normaliseFields } from '../../../shared/merge';
import type { AppDeps } from '../deps';
import { campaigns, recipients } from '../db/schema';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { listAttachments, type AttachmentMeta } from './attachment-store';
import { filesFor } from './recipient-files';

/** Other recipients read a page at a time (recipients_by_campaign), with a pause between pages. */
const PAGE_ROWS = 2_000;

/**
 * The per-recipient files (shared = false) that one person's rows name in their campaigns'
 * attachment column and no other recipient of that campaign names: their own files, recipient data
 * that goes with them when they are erased (people/erase-person.ts). A file another recipient
 * names stays (their message needs it); an erased placeholder names nothing (its fields are gone).
 * The same rule as a message's files (recipient-files.ts): trimmed value, NFC, case counts.
 *
 * Read before the erasure's batch: a recipient imported in between that names the same file finds
 * it missing, and the preflight or the engine says so (it is never sent without it).
 *
 * @example const files = await filesOnlyTheyName(deps, { userId, key: 'ada@example.com' })
 */
export async function filesOnlyTheyName(deps: Pick<AppDeps, 'db'>, input: { userId: string; key: string }): Promise<{ id: string; campaignId: string }[]> {
  const { db } = deps;
  // recipients_by_user_address: one row per campaign at most; only campaigns that name files per recipient.
  const theirs = await db
    .select({ id: recipients.id, campaignId: recipients.campaignId, fields: recipients.fields, attachmentField: campaigns.attachmentField })
    .from(recipients)
    .innerJoin(campaigns, and(eq(campaigns.id, recipients.campaignId), eq(campaigns.userId, input.userId), isNotNull(campaigns.attachmentField)))
    .where(and(eq(recipients.userId, input.userId), eq(recipients.emailKey, input.key)));

  const found: { id: string; campaignId: string }[] = [];
  for (const row of theirs) {
    const files = await listAttachments(deps, row.campaignId);
    const picked = filesFor(files, row.attachmentField, normaliseFields(row.fields));
    const own = picked.ok ? picked.files.find((file) => !file.shared) : undefined;
    if (!own) continue;
    if (!(await namedByAnother(deps, { campaignId: row.campaignId, recipientId: row.id, attachmentField: row.attachmentField!, fileId: own.id, files }))) {
      found.push({ id: own.id, campaignId: row.campaignId });
    }
  }
  return found;
}

/** Whether any other recipient of the campaign names this file (stops at the first). */
async function namedByAnother(
  deps: Pick<AppDeps, 'db'>,
  input: { campaignId: string; recipientId: number; attachmentField: string; fileId: string; files: readonly AttachmentMeta[] },
): Promise<boolean> {
  let afterId = 0;
  for (;;) {
    const page = await deps.db
      .select({ id: recipients.id, fields: recipients.fields })
      .from(recipients)
      .where(and(eq(recipients.campaignId, input.campaignId), ne(recipients.id, input.recipientId), gt(recipients.id, afterId)))
      .orderBy(asc(recipients.id))
      .limit(PAGE_ROWS);
    for (const other of page) {
      const picked = filesFor(input.files, input.attachmentField, normaliseFields(other.fields));
      if (picked.ok && picked.files.some((file) => file.id === input.fileId)) return true;
    }
    if (page.length < PAGE_ROWS) return false;
    afterId = page[page.length - 1]!.id;
    await yieldToEventLoop();
  }
}
