import { and, asc, eq, gt } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { recipients } from '../db/schema';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';

/** Recipients read per query: a few ms of the event loop between two pauses. */
const PAGE_ROWS = 2000;

/**
 * A campaign's pending recipients (what the preflight checks before a launch), read a page at a time
 * in id order with a pause between pages: 100,000 rows read by one query held the event loop for
 * over a second (issue 17). recipients_by_campaign_status (campaign_id, status, id) serves each page.
 *
 * @example const pending = await readPendingRecipients(deps, campaign.id);
 */
export async function readPendingRecipients(deps: Pick<AppDeps, 'db'>, campaignId: string) {
  const rows = [];
  let afterId = 0;
  for (;;) {
    const page = await deps.db
      .select({ id: recipients.id, email: recipients.email, emailKey: recipients.emailKey, fields: recipients.fields })
      .from(recipients)
      .where(and(eq(recipients.campaignId, campaignId), eq(recipients.status, 'pending'), gt(recipients.id, afterId)))
      .orderBy(asc(recipients.id))
      .limit(PAGE_ROWS);
    for (const row of page) rows.push(row);
    if (page.length < PAGE_ROWS) return rows;
    afterId = page[page.length - 1]!.id;
    await yieldToEventLoop();
  }
}
