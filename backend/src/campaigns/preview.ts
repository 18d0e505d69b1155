import { and, asc, eq, inArray } from 'drizzle-orm';
import { normaliseFields } from '../../../shared/merge';
import type { Preview } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { gmailAccounts, recipients, sendJobs } from '../db/schema';
import { ProblemError } from '../http/problem';
import { compileStepTemplates } from './campaign-templates';
import { firstMessageSubject, stepVariant, variantFieldMessage } from './step-variant';
import { followUpVariant, variantCountOf } from '../variants/variant-split';
import type { CampaignRow } from './campaign-store';
import { formatRecipientId, parseRecipientId } from '../db/recipient-id';
import { recipientAttachments } from '../attachments/recipient-attachments';

/**
 * One step's message as one recipient will get it: `recipient` is a recipient id (`rcp_…`) or a
 * 0-based position in the list (without one, the first recipient, or no fields at all); `step` 0
 * is the first message, N the Nth follow-up; `variant` the step's A/B variant (0: "A"), absent: the
 * one this recipient gets (their job's, so a launched recipient whose first message was B is shown
 * B; A when not launched or still waiting for the winner). With the signature the sender appends
 * (issue 14: the preview must show the message as it will be sent). A follow-up's "Re: " subject is
 * that of the first-message variant this recipient got.
 */
export async function previewCampaign(
  deps: Pick<AppDeps, 'db'>,
  campaign: CampaignRow,
  recipient: string | undefined,
  step = 0,
  asked?: number,
): Promise<Preview> {
  if (step > campaign.followUps.length) throw new ProblemError('not-found', { detail: `The campaign has no follow-up ${step}.` });
  const fields = await previewRecipient(deps, campaign, recipient ?? '0');
  const variant = asked ?? (fields ? await recipientStepVariant(deps, campaign, fields.id, step) : 0);
  const firstSubject = step > 0 && fields ? firstMessageSubject(campaign, await firstMessageVariantOf(deps, campaign, fields.id)) : campaign.subject;
  const chosen = stepTemplates(campaign, step, variant, firstSubject);
  const rendered = compileStepTemplates(chosen.templates).render(normaliseFields(fields?.fields ?? {}));
  return {
    recipient: fields ? { id: formatRecipientId(fields.id), email: fields.email } : null,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    missing: [...rendered.missing],
    step,
    signature: await senderSignature(deps, campaign),
    ...(await recipientAttachments(deps, campaign, fields?.fields ?? {})),
    variant,
    variantCount: chosen.variantCount,
  };
}

/** The step's variant, or the 404 (no such step) or 400 naming `variant` (the step has fewer) the preview and the test send answer. */
function stepTemplates(campaign: CampaignRow, step: number, variant: number, firstSubject?: string) {
  const chosen = stepVariant(campaign, step, variant, firstSubject);
  if (chosen.ok) return chosen;
  if (chosen.problem === 'no-step') throw new ProblemError('not-found', { detail: `The campaign has no follow-up ${step}.` });
  throw new ProblemError('validation-failed', { errors: [{ field: 'variant', message: variantFieldMessage(chosen.variantCount) }] });
}

/**
 * The first-message variant a recipient was given at launch (send_jobs_one_per_recipient_step finds
 * it); null: not launched, no variants, or still waiting for the A/B test's winner.
 */
export async function firstMessageVariantOf(deps: Pick<AppDeps, 'db'>, campaign: CampaignRow, recipientId: number): Promise<number | null> {
  const [job] = await deps.db
    .select({ variant: sendJobs.variant })
    .from(sendJobs)
    .where(and(eq(sendJobs.recipientId, recipientId), eq(sendJobs.step, 0), eq(sendJobs.campaignId, campaign.id)))
    .limit(1);
  return job?.variant ?? null;
}

/**
 * The variant of step `step` this recipient gets: their job's (the first message's is fixed at
 * launch, or at the A/B decision; a follow-up's when it is sent), else for a follow-up not sent yet
 * k mod n by the split rule with the key of their first message's job, as the sender will pick it
 * (backend/src/sending/variant-content.ts), else A. One the step no longer has falls back to A.
 */
async function recipientStepVariant(deps: Pick<AppDeps, 'db'>, campaign: CampaignRow, recipientId: number, step: number): Promise<number> {
  const jobs = await deps.db
    .select({ step: sendJobs.step, variant: sendJobs.variant, splitKey: sendJobs.splitKey })
    .from(sendJobs)
    .where(and(eq(sendJobs.recipientId, recipientId), inArray(sendJobs.step, [0, step]), eq(sendJobs.campaignId, campaign.id)));
  const first = jobs.find((job) => job.step === 0);
  const own = jobs.find((job) => job.step === step);
  if (!first) return 0;
  const count = variantCountOf(step === 0 ? campaign.variants : campaign.followUps[step - 1]?.variants);
  const variant = own?.variant ?? (step > 0 ? followUpVariant(first.splitKey ?? recipientId, count) : null) ?? 0;
  return variant < Math.max(1, count) ? variant : 0;
}

/** The first sending account's signature; with several accounts each message carries its sender's. */
async function senderSignature(deps: Pick<AppDeps, 'db'>, campaign: CampaignRow): Promise<Preview['signature']> {
  const first = campaign.accountIds[0];
  if (!first) return null;
  const [account] = await deps.db
    .select({ email: gmailAccounts.email, signatureHtml: gmailAccounts.signatureHtml })
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.id, first), eq(gmailAccounts.userId, campaign.userId)))
    .limit(1);
  return account && account.signatureHtml.trim() !== '' ? { account: account.email, html: account.signatureHtml } : null;
}

/** The recipient a preview or test send is rendered for: an id (`rcp_…`) or a 0-based position; null when the campaign has none. */
export async function previewRecipient(deps: Pick<AppDeps, 'db'>, campaign: CampaignRow, recipient: string) {
  const select = deps.db
    .select({ id: recipients.id, email: recipients.email, fields: recipients.fields })
    .from(recipients);
  const id = parseRecipientId(recipient);
  if (id !== null) {
    const [row] = await select.where(and(eq(recipients.campaignId, campaign.id), eq(recipients.id, id))).limit(1);
    if (!row) throw new ProblemError('not-found', { detail: 'No recipient with this id in this campaign.' });
    return row;
  }
  if (!/^\d{1,9}$/.test(recipient)) {
    throw new ProblemError('validation-failed', {
      errors: [{ field: 'recipient', message: 'Use a recipient id (rcp_…) or a position from 0' }],
    });
  }
  const [row] = await select
    .where(eq(recipients.campaignId, campaign.id))
    .orderBy(asc(recipients.id))
    .limit(1)
    .offset(Number(recipient));
  if (!row && recipient !== '0') throw new ProblemError('not-found', { detail: `The campaign has no recipient at position ${recipient}.` });
  return row ?? null;
}
