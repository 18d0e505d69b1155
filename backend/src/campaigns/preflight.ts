import { and, eq, inArray } from 'drizzle-orm';
import { normaliseFields } from '../../../shared/merge';
import type { MissingFieldsRecipient, Preflight, PreflightBlocker as Blocker } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { gmailAccounts, suppressions } from '../db/schema';
import { formatRecipientId } from '../db/recipient-id';
import { missingFieldPlaces } from './missing-field-places';
import type { CampaignRow } from './campaign-store';
import { preflightTiming } from './preflight-timing';
import { preflightTracking } from './preflight-tracking';
import { preflightZones } from './preflight-zones';
import { listHygiene } from './list-hygiene';
import { senderAuthWarnings } from './sender-auth-warnings';
import { bulkSenderWarnings } from './bulk-sender';
import { sendOnlyFollowUpBlockers } from './send-only-follow-ups';
import { readPendingRecipients } from './pending-recipients';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { preflightAttachments } from '../attachments/preflight-attachments';
import { everyVariantAsSteps, firstMessageRequiredFields, preflightVariants } from './preflight-variants';
import { runningImportBlocker } from '../recipient-imports/running-import-blocker';

const LISTED_MISSING = 100;

/**
 * What launching would do, without doing it: who gets the message, who is skipped and why, and
 * what must be fixed first. Recipients with missing merge fields block the launch unless the user
 * allows blanks (they are then sent with the blanks).
 */
export async function preflight(deps: Pick<AppDeps, 'db' | 'clock' | 'config'> & Partial<Pick<AppDeps, 'dns' | 'quota'>>, campaign: CampaignRow, options: { allowBlank: boolean; followUpsWithoutReplyCheck?: boolean | undefined; timing?: boolean | undefined }): Promise<Preflight> {
  const blockers: Blocker[] = [];
  if (!campaign.subject.trim()) blockers.push({ code: 'no-subject', message: 'Write a subject.' });
  if (!campaign.html.trim()) blockers.push({ code: 'no-body', message: 'Write the message.' });
  blockers.push(...(await accountBlockers(deps, campaign)));
  blockers.push(...(await sendOnlyFollowUpBlockers(deps, campaign, options)));
  // Half a list is not a list: an import still writing (or a dead one being taken back) holds the launch.
  const importBlocker = await runningImportBlocker(deps.db, campaign.id, deps.clock.now());
  if (importBlocker) blockers.push(importBlocker);

  const pending = await readPendingRecipients(deps, campaign.id);
  const suppressed = await suppressedKeys(deps, campaign.userId);

  // Over every A/B variant of the first message: which one a recipient gets is decided at launch.
  const required = firstMessageRequiredFields(campaign);
  let suppressedCount = 0;
  const missing: MissingFieldsRecipient[] = [];
  let missingCount = 0;
  const missingNames = new Set<string>();
  const sendableRecipients: typeof pending = [];
  for (const [index, recipient] of pending.entries()) {
    // A pause every few thousand: 100,000 recipients are checked without holding the event loop (issue 17).
    if (index % 2000 === 1999) await yieldToEventLoop();
    if (suppressed.has(recipient.emailKey)) {
      suppressedCount++;
      continue;
    }
    const fields = required.length === 0 ? null : normaliseFields(recipient.fields);
    const absent = fields === null ? [] : required.filter((name) => !(fields.get(name) ?? '').trim());
    if (absent.length > 0) {
      missingCount++;
      absent.forEach((name) => missingNames.add(name));
      if (missing.length < LISTED_MISSING) missing.push({ id: formatRecipientId(recipient.id), email: recipient.email, fields: absent });
    }
    if (absent.length === 0 || options.allowBlank) sendableRecipients.push(recipient);
  }
  const sendable = sendableRecipients.length;
  const tracking = await preflightTracking(deps, campaign, sendableRecipients);
  // The largest message may be any variant's.
  const files = await preflightAttachments(deps, everyVariantAsSteps(campaign), sendableRecipients);
  const zones = await preflightZones(campaign, sendableRecipients);
  blockers.push(...files.blockers);
  const variants = preflightVariants(campaign, sendable, tracking.tracking);
  blockers.push(...variants.blockers);
  if (pending.length === 0) blockers.push({ code: 'no-recipients', message: 'Add recipients (import a CSV or add them by hand).' });
  else if (sendable === 0 && missingCount === 0) blockers.push({ code: 'no-recipients', message: 'Every recipient is on your suppression list.' });
  if (missingCount > 0 && !options.allowBlank) {
    blockers.push({
      code: 'missing-fields',
      message: `${missingCount} recipient(s) have no value for ${[...missingNames].join(', ')} and the tag has no fallback. Add a fallback ({{ field | text }}), fill the values, or launch with blanks allowed.`,
    });
  }
  return {
    sendable,
    skipped: { suppressed: suppressedCount, missingFields: options.allowBlank ? 0 : missingCount },
    missingFields: { count: missingCount, fields: [...missingNames], recipients: missing, places: missingFieldPlaces(campaign, [...missingNames]) },
    blockers,
    warnings: [
      ...(await bulkSenderWarnings(deps, campaign, sendable)),
      ...(deps.dns ? await senderAuthWarnings({ ...deps, dns: deps.dns }, campaign) : []),
      ...tracking.warnings,
      ...(zones?.warnings ?? []),
      ...variants.warnings,
    ],
    // Warnings only (never blockers); over the recipients not suppressed. Without a resolver (callers that only need the blockers) absent.
    ...(deps.dns ? { listHygiene: await listHygiene({ dns: deps.dns }, pending.filter((recipient) => !suppressed.has(recipient.emailKey))) } : {}),
    // `timing: false` (the launch, which needs the blockers only): no finish estimate, a simulation of every message.
    ...(options.timing === false ? {} : { timing: await preflightTiming(deps, campaign, sendable, zones?.byZone) }),
    tracking: tracking.tracking,
    attachments: files.attachments,
    ...(zones ? { recipientTimeZones: zones.recipientTimeZones } : {}),
    ...(variants.variants ? { variants: variants.variants } : {}),
  };
}

async function accountBlockers(deps: Pick<AppDeps, 'db'>, campaign: CampaignRow): Promise<Blocker[]> {
  if (campaign.accountIds.length === 0) return [{ code: 'no-accounts', message: 'Pick at least one Gmail account to send from.' }];
  const accounts = await deps.db
    .select({ id: gmailAccounts.id, email: gmailAccounts.email, status: gmailAccounts.status })
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.userId, campaign.userId), inArray(gmailAccounts.id, campaign.accountIds)));
  const blockers: Blocker[] = [];
  if (accounts.length < campaign.accountIds.length) {
    blockers.push({ code: 'account-missing', message: 'A sending account was disconnected. Pick the accounts again.' });
  }
  for (const account of accounts.filter((a) => a.status !== 'ok')) {
    blockers.push({ code: 'account-needs-reconnect', message: `${account.email} needs to be connected again before it can send.` });
  }
  return blockers;
}

export async function suppressedKeys(deps: Pick<AppDeps, 'db'>, userId: string): Promise<Set<string>> {
  const rows = await deps.db.select({ key: suppressions.emailKey }).from(suppressions).where(eq(suppressions.userId, userId));
  return new Set(rows.map((row) => row.key));
}
