import { normaliseFields } from '../../../shared/merge';
import { GMAIL_MESSAGE_MAX_BYTES, type PreflightAttachments } from '../../../shared/schemas/attachments';
import type { PreflightBlocker } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { formatRecipientId } from '../db/recipient-id';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { listAttachments } from './attachment-store';
import { campaignLargestMessage } from './campaign-size';
import { tooLargeForGmail } from './message-size';
import { filesFor } from './recipient-files';

const LISTED_MISSING = 100;

type Campaign = Parameters<typeof campaignLargestMessage>[0] & { id: string; attachmentField: string | null };

/**
 * The preflight's files: who names a file the campaign does not have (a blocker: a message promised
 * with its invoice must not go without it, and cannot be taken back once sent), and whether the
 * largest message still fits Gmail's 25 MB after the body's edits (a blocker too).
 */
export async function preflightAttachments(
  deps: Pick<AppDeps, 'db'>,
  campaign: Campaign,
  recipients: readonly { id: number; email: string; fields: Record<string, string> }[],
): Promise<{ attachments: PreflightAttachments; blockers: PreflightBlocker[] }> {
  const files = await listAttachments(deps, campaign.id);
  const missingRecipients: PreflightAttachments['missingRecipients'] = [];
  let missing = 0;
  if (campaign.attachmentField !== null) {
    for (const [index, recipient] of recipients.entries()) {
      if (index % 2000 === 1999) await yieldToEventLoop();
      const result = filesFor(files, campaign.attachmentField, normaliseFields(recipient.fields));
      if (result.ok) continue;
      missing++;
      if (missingRecipients.length < LISTED_MISSING) missingRecipients.push({ id: formatRecipientId(recipient.id), email: recipient.email, filename: result.filename });
    }
  }
  const largestMessageBytes = campaignLargestMessage(campaign, files);
  const blockers: PreflightBlocker[] = [];
  if (missing > 0) {
    const names = new Intl.PluralRules('en').select(missing) === 'one' ? 'recipient names a file' : 'recipients name files';
    blockers.push({
      code: 'attachment-missing',
      message: `${missing} ${names} in ${campaign.attachmentField} that the campaign does not have. Upload the files, or correct the names.`,
    });
  }
  const tooLarge = tooLargeForGmail(largestMessageBytes, 'campaign');
  if (tooLarge) blockers.push({ code: 'attachments-too-large', message: tooLarge });
  return {
    attachments: { perRecipientField: campaign.attachmentField, files: files.length, missing, missingRecipients, largestMessageBytes, maxMessageBytes: GMAIL_MESSAGE_MAX_BYTES },
    blockers,
  };
}
