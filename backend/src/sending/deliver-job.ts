import { normaliseFields } from '../../../shared/merge';
import type { AccountRow } from '../accounts/account-store';
import type { AccountSession } from '../accounts/account-client';
import { compileStepTemplates } from '../campaigns/campaign-templates';
import type { CampaignRow } from '../campaigns/campaign-store';
import { postalAddressFor } from '../campaigns/sender-postal-address';
import { canReadMailbox } from '../gmail/scopes';
import type { TrackingSigner } from '../tracking/tokens';
import { campaignTracking, recipientTracking } from '../tracking/tracking-decision';
import { classifySendError, type SendFailure } from './classify-send-error';
import type { EngineDeps } from './engine-deps';
import { findSentCopy } from './find-sent-copy';
import { findLinks, sendCampaignMessage } from './message';
import { replyInThread } from './replies/check-thread';
import { MAX_ATTEMPTS } from './retry-policy';
import type { StepTemplateCache } from './step-template-cache';
import type { TickOptOuts } from './tick-opt-outs';
import { trackingUrlsFor } from './tracking-urls';
import { variantContent } from './variant-content';
import type { ClaimedJob } from './claims';
import type { JobRecipient, ThreadContext } from './follow-up-gate';

type Job = ClaimedJob;
type Recipient = JobRecipient;

export type DeliveryOutcome =
  /**
   * `tracked`: the message carries the pixel or tracked links (tracking/tracking-decision.ts);
   * `variant`: the A/B variant sent; `linkOffset`: the index of `links[0]` (a variant's links run on after the others').
   */
  | {
      kind: 'sent';
      gmailMessageId: string;
      gmailThreadId: string;
      links: string[];
      linkOffset: number;
      foundEarlierCopy: boolean;
      tracked: boolean;
      variant: number | null;
    }
  /** `endsSequence: false` skips this step only (its own condition); otherwise no later step follows. */
  | { kind: 'skip'; reason: string; endsSequence?: boolean }
  | { kind: 'uncertain'; reason: string }
  /** Held, not sent: an out-of-office reply or a soft bounce just found in the thread (replies/check-thread.ts). */
  | { kind: 'wait'; until: Date; reason: string }
  | { kind: 'failed'; failure: SendFailure };

/**
 * Sends one claimed job through Gmail, or finds that an earlier attempt already did. The caller
 * records whatever comes back. Nothing here writes to the database.
 */
export async function deliverJob(
  deps: EngineDeps & { signer: TrackingSigner; templates: StepTemplateCache; optOuts: TickOptOuts; session: AccountSession },
  input: { job: Job; campaign: CampaignRow; account: AccountRow; recipient: Recipient; thread: ThreadContext },
): Promise<DeliveryOutcome> {
  const { job, campaign, account, recipient, thread } = input;
  const canRead = canReadMailbox(account);
  try {
    const fields = normaliseFields(recipient.fields);
    // Decided before any copy check: an earlier attempt was built under the same rule.
    const policy = campaignTracking(deps.config.tracking, campaign);
    const tracked =
      (await recipientTracking(policy, fields, () => deps.optOuts.isOptedOut(job.userId, recipient.email, job.tracked))) === null;
    return await deps.session.run(async ({ gmail }) => {
      if (job.verifyBeforeSend) {
        if (!canRead) {
          return {
            kind: 'uncertain',
            reason: 'An earlier attempt may have been delivered, and without permission to read the mailbox iConnect cannot check. Check the Sent folder, then resend or skip.',
          } as const;
        }
        const copy = await findSentCopy(gmail, job.messageId);
        if (copy) {
          // The variant it was built with: the same rule gives the same one (variant-content.ts). Its
          // links are the ones the delivered copy's click tokens number (the same render, the same
          // order as build-message's rewrite): without them each of its tracked links would answer 404.
          const content = variantContent(campaign, job, thread.firstVariant ?? null);
          const clicksTracked = tracked && policy !== null && policy.clicks;
          const links = clicksTracked ? findLinks(renderContent(deps.templates, campaign, job, content, thread.firstVariant ?? null, fields).html) : [];
          return { kind: 'sent', gmailMessageId: copy.id, gmailThreadId: copy.threadId, links, linkOffset: content.linkOffset, foundEarlierCopy: true, tracked, variant: content.variant } as const;
        }
        // Past the last attempt this was only the final check (see retry-policy.ts): not there, never delivered.
        if (job.attempts > MAX_ATTEMPTS) {
          return {
            kind: 'failed',
            failure: { kind: 'permanent', message: `Gave up after ${MAX_ATTEMPTS} attempts; the message is not in the Sent folder, so it was never delivered.` },
          } as const;
        }
      }
      if (job.step > 0 && canRead && thread.threadId) {
        const found = await replyInThread(deps.db, gmail, { job, threadId: thread.threadId, sender: account.email, at: deps.clock.now() });
        if (found?.effect === 'stop') return { kind: 'skip', reason: found.reason } as const;
        if (found?.effect === 'wait') return { kind: 'wait', until: found.until, reason: found.reason } as const;
      }
      // The job's A/B variant (variant-content.ts): its subject and body, and where its links' indexes start.
      const content = variantContent(campaign, job, thread.firstVariant ?? null);
      const rendered = renderContent(deps.templates, campaign, job, content, thread.firstVariant ?? null, fields);
      const urls = await trackingUrlsFor(
        {
          publicUrl: deps.config.publicUrl,
          signer: deps.signer,
          html: rendered.html,
          // Untracked: the same message, its links untouched and no pixel.
          trackOpens: tracked && policy !== null && policy.opens,
          trackClicks: tracked && policy !== null && policy.clicks,
          unsubscribe: campaign.unsubscribe,
        },
        { jobId: job.id, recipientId: job.recipientId, step: job.step },
        content.linkOffset,
      );
      const inThread = content.inThread && thread.threadId !== null;
      // RFC 5322 §3.6.4: the reply headers thread it in the recipient's mail client even when the first
      // message's Gmail thread id is unknown (marked sent by the user after an uncertain attempt); Gmail
      // puts it in the sender's thread only with the threadId as well.
      const replyHeaders = content.inThread && thread.messageIds.length > 0;
      // With the files this recipient gets, by the path its size needs (message/campaign-message.ts).
      const sent = await sendCampaignMessage(deps, gmail, {
        campaign,
        fields,
        threadId: inThread ? thread.threadId! : undefined,
        // The send must end well inside our lease: past it another scheduler may recover the job, and a
        // send still hanging then could land after the recovery's mailbox check found nothing.
        timeoutMs: Math.max(5_000, Math.floor(deps.leaseMs / 2)),
        message: {
          from: { email: account.email, name: account.fromName },
          to: recipient.email,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          signatureHtml: account.signatureHtml,
          messageId: job.messageId,
          inReplyTo: replyHeaders ? thread.messageIds.at(-1) : undefined,
          references: replyHeaders ? thread.messageIds : undefined,
          date: deps.clock.now(),
          unsubscribe: urls.unsubscribeUrl ? { url: urls.unsubscribeUrl } : null,
          postalAddress: await postalAddressFor(deps.db, campaign),
          tracking: { openPixelUrl: urls.openPixelUrl, rewriteLink: urls.rewriteLink },
        },
      });
      if (sent.kind === 'skip') return { kind: 'skip', reason: sent.reason } as const;
      const { message, data } = sent;
      if (!data.id || !data.threadId) throw new Error('Gmail accepted the message without ids');
      return {
        kind: 'sent',
        gmailMessageId: data.id,
        gmailThreadId: data.threadId,
        links: [...message.links],
        linkOffset: content.linkOffset,
        foundEarlierCopy: false,
        tracked,
        variant: content.variant,
      } as const;
    });
  } catch (error) {
    return { kind: 'failed', failure: classifySendError(error) };
  }
}

/** The job's variant rendered for its recipient, templates compiled once per campaign version, step and variant (step-template-cache.ts). */
function renderContent(
  templates: StepTemplateCache,
  campaign: CampaignRow,
  job: Job,
  content: ReturnType<typeof variantContent>,
  firstVariant: number | null,
  fields: ReturnType<typeof normaliseFields>,
) {
  return templates
    .get(campaign, `${job.step}:${content.variant}:${firstVariant}`, () => compileStepTemplates({ subject: content.subject, html: content.html, text: content.text }))
    .render(fields);
}
