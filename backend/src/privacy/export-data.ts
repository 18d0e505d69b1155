import { and, asc, eq, gt } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { apiTokens, campaigns, gmailAccounts, recipients, sendJobs, suppressions, users } from '../db/schema';
import { toGmailAccount } from '../accounts/account-store';
import { toCampaign } from '../campaigns/campaign-store';
import { exportedFiles } from '../attachments/exported-files';
import { toRecipient } from '../recipients/recipient-store';
import { toSuppression } from '../suppressions/suppression-store';
import { formatRecipientId } from '../db/recipient-id';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { toSettings } from './settings-store';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * Everything stored about a user, as the privacy policy promises ("export of your data"): the
 * account, connected mailboxes (settings, never tokens), campaigns with their files (listed, not
 * their bytes), recipients and delivery log, and the suppression list. Secrets (password hash, token hashes, OAuth tokens) stay out.
 * Built whole in memory: the API streams the same JSON instead ({@link streamUserData}).
 */
export async function exportUserData(deps: Deps, userId: string) {
  const head = await exportHead(deps, userId, deps.clock.now().toISOString());
  const campaignRows = await userCampaigns(deps, userId);
  const recipientRows = await deps.db.select().from(recipients).where(eq(recipients.userId, userId)).orderBy(asc(recipients.id));
  const jobRows = await deps.db.select().from(sendJobs).where(eq(sendJobs.userId, userId)).orderBy(asc(sendJobs.id));
  const suppressionRows = await deps.db.select().from(suppressions).where(eq(suppressions.userId, userId)).orderBy(asc(suppressions.emailKey));
  const fileList = await Promise.all(campaignRows.map((campaign) => exportedFiles(deps, campaign.id)));

  return {
    ...head,
    campaigns: campaignRows.map((campaign, index) => ({
      ...toCampaign(campaign, undefined),
      files: fileList[index]!,
      recipients: recipientRows.filter((row) => row.campaignId === campaign.id).map(toRecipient),
      deliveries: jobRows.filter((job) => job.campaignId === campaign.id).map(toDelivery),
    })),
    suppressions: suppressionRows.map(toSuppression),
  };
}

/** Rows read and written per piece of the streamed export: a few ms of work between two pauses. */
export const EXPORT_PAGE_ROWS = 500;

/**
 * {@link exportUserData} as a stream of the same JSON text (`JSON.stringify` of it, byte for byte):
 * the small parts first, then each campaign's recipients and deliveries a page at a time as the reader
 * asks for more, so a 100,000-recipient account is never held in memory and never holds the event
 * loop (issue 17). `exportedAt` is known before the first byte, for the file name.
 *
 * @example
 * const { exportedAt, body } = streamUserData(deps, userId);
 * return c.body(body, 200, { 'content-type': 'application/json', 'content-disposition': `attachment; filename="iconnect-export-${exportedAt.slice(0, 10)}.json"` });
 */
export function streamUserData(deps: Deps, userId: string): { exportedAt: string; body: ReadableStream<Uint8Array> } {
  const exportedAt = deps.clock.now().toISOString();
  return { exportedAt, body: textStream(userDataParts(deps, userId, exportedAt)) };
}

async function* userDataParts(deps: Deps, userId: string, exportedAt: string): AsyncGenerator<string> {
  // Each object is written as JSON.stringify writes it, its closing brace held back for the lists that follow.
  yield `${JSON.stringify(await exportHead(deps, userId, exportedAt)).slice(0, -1)},"campaigns":[`;
  const campaignRows = await userCampaigns(deps, userId);
  for (const [index, campaign] of campaignRows.entries()) {
    // The campaign's files as a list (names, sizes, hashes), never their bytes.
    yield `${index === 0 ? '' : ','}${JSON.stringify(toCampaign(campaign, undefined)).slice(0, -1)},"files":${JSON.stringify(await exportedFiles(deps, campaign.id))},"recipients":[`;
    yield* jsonItems((afterId) =>
      deps.db
        .select()
        .from(recipients)
        .where(and(eq(recipients.campaignId, campaign.id), eq(recipients.userId, userId), gt(recipients.id, afterId)))
        .orderBy(asc(recipients.id))
        .limit(EXPORT_PAGE_ROWS),
      toRecipient,
    );
    yield '],"deliveries":[';
    yield* jsonItems((afterId) =>
      deps.db
        .select()
        .from(sendJobs)
        .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.userId, userId), gt(sendJobs.id, afterId)))
        .orderBy(asc(sendJobs.id))
        .limit(EXPORT_PAGE_ROWS),
      toDelivery,
    );
    yield ']}';
  }
  yield '],"suppressions":[';
  // Suppressions are keyed (user_id, email_key): paged by the address key (suppressions_pk).
  let afterKey: string | null = null;
  let first = true;
  for (;;) {
    const page = await deps.db
      .select()
      .from(suppressions)
      .where(and(eq(suppressions.userId, userId), afterKey === null ? undefined : gt(suppressions.emailKey, afterKey)))
      .orderBy(asc(suppressions.emailKey))
      .limit(EXPORT_PAGE_ROWS);
    if (page.length > 0) yield `${first ? '' : ','}${page.map((row) => JSON.stringify(toSuppression(row))).join(',')}`;
    first = false;
    if (page.length < EXPORT_PAGE_ROWS) break;
    afterKey = page[page.length - 1]!.emailKey;
    await yieldToEventLoop();
  }
  yield ']}';
}

/** A list's items as JSON, comma-separated, a page at a time (keyset on `id`), with a pause between pages. */
async function* jsonItems<Row extends { id: number }>(page: (afterId: number) => Promise<Row[]>, toJson: (row: Row) => unknown): AsyncGenerator<string> {
  let afterId = 0;
  for (;;) {
    const rows = await page(afterId);
    if (rows.length > 0) yield `${afterId === 0 ? '' : ','}${rows.map((row) => JSON.stringify(toJson(row))).join(',')}`;
    if (rows.length < EXPORT_PAGE_ROWS) return;
    afterId = rows[rows.length - 1]!.id;
    await yieldToEventLoop();
  }
}

/** Text parts → a byte stream that asks for the next part only when its reader wants more. */
function textStream(parts: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await parts.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await parts.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

async function exportHead(deps: Deps, userId: string, exportedAt: string) {
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
  const accountRows = await deps.db.select().from(gmailAccounts).where(eq(gmailAccounts.userId, userId));
  const tokenRows = await deps.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  return {
    exportedAt,
    user: { id: user!.id, email: user!.email, createdAt: user!.createdAt.toISOString() },
    settings: toSettings(user!),
    apiTokens: tokenRows.map((row) => ({ name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null })),
    gmailAccounts: accountRows.map((row) => toGmailAccount(row, 0)),
  };
}

function userCampaigns(deps: Deps, userId: string) {
  return deps.db.select().from(campaigns).where(eq(campaigns.userId, userId)).orderBy(asc(campaigns.createdAt));
}

function toDelivery(job: typeof sendJobs.$inferSelect) {
  return {
    recipientId: formatRecipientId(job.recipientId),
    step: job.step,
    // The A/B variant the message was (or will be) (issue 18); null: its step has none, or not yet decided.
    variant: job.variant,
    accountId: job.accountId,
    status: job.status,
    statusReason: job.statusReason,
    sentAt: job.sentAt?.toISOString() ?? null,
    messageId: job.messageId,
  };
}
