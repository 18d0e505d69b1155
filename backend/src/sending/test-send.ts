import { normaliseFields } from '../../../shared/merge';
import { checkEmailAddress } from '../../../shared/lib/email-address';
import type { TestSendRequest, TestSendResult } from '../../../shared/schemas/launch';
import { withAccountClient, type AccountClientDeps } from '../accounts/account-client';
import { findAccount } from '../accounts/account-store';
import { messageIdHost, testMessageId } from '../campaigns/campaign-message-id';
import { accountSends } from '../db/schema';
import { ProblemError } from '../http/problem';
import { newId } from '../lib/random';
import { classifySendError } from './classify-send-error';
import { buildMessage, sendRaw } from './message';
import { recipientFiles } from '../attachments/recipient-attachments';
import { compileStepTemplates } from '../campaigns/campaign-templates';
import type { CampaignRow } from '../campaigns/campaign-store';
import { postalAddressOf } from '../campaigns/sender-postal-address';
import { firstMessageVariantOf, previewRecipient } from '../campaigns/preview';
import { firstMessageSubject, stepVariant, variantFieldMessage } from '../campaigns/step-variant';

/**
 * Sends one step (the one being previewed: the first message, or follow-up N) in one of its A/B
 * variants (A by default), rendered for one recipient (the one being previewed), to the addresses
 * asked for (the sending account's own by default) with "[Test]" before the subject: the real
 * templates, MIME and Gmail path, without tracking (a test open is not a reader) and without
 * touching any recipient. It creates no send job, so it never counts in a campaign's stats; it
 * counts toward the account's daily limit, as Gmail counts it.
 */
export async function sendTestMessage(
  deps: AccountClientDeps,
  campaign: CampaignRow,
  input: TestSendRequest,
): Promise<TestSendResult> {
  const account = await findAccount(deps, campaign.userId, input.accountId);
  if (!account) {
    throw new ProblemError('validation-failed', { errors: [{ field: 'accountId', message: 'Unknown Gmail account' }] });
  }
  const step = input.step ?? 0;
  const variant = input.variant ?? 0;
  if (step > campaign.followUps.length) throw new ProblemError('validation-failed', { errors: [{ field: 'step', message: `The campaign has no follow-up ${step}` }] });
  const to = testAddresses(input.to, account.email);
  const recipient = await previewRecipient(deps, campaign, input.recipient ?? '0');
  // A follow-up as the engine sends it (deliver-job.ts): its subject, else "Re: " and the subject of the
  // first-message variant this recipient got. A test goes alone, not threaded under a first message the
  // test addresses never got.
  const firstSubject = step > 0 && recipient ? firstMessageSubject(campaign, await firstMessageVariantOf(deps, campaign, recipient.id)) : campaign.subject;
  const chosen = stepVariant(campaign, step, variant, firstSubject);
  if (!chosen.ok) {
    const message = chosen.problem === 'no-step' ? `The campaign has no follow-up ${step}` : variantFieldMessage(chosen.variantCount);
    throw new ProblemError('validation-failed', { errors: [{ field: chosen.problem === 'no-step' ? 'step' : 'variant', message }] });
  }
  const templates = chosen.templates;
  const rendered = compileStepTemplates(templates).render(normaliseFields(recipient?.fields ?? {}));
  // The files that recipient's message will carry; one named but missing would be skipped, so no test of it.
  const files = await recipientFiles(deps, campaign, recipient?.fields ?? {});
  if (!files.ok) {
    throw new ProblemError('conflict', {
      detail: `${recipient?.email ?? 'This recipient'} names ${files.filename} in ${campaign.attachmentField}, and the campaign has no such file: their message would not be sent. Upload it or correct the name.`,
    });
  }
  const message = await buildMessage({
    from: { email: account.email, name: account.fromName },
    to,
    subject: `[Test] ${rendered.subject}`,
    html: rendered.html,
    text: rendered.text,
    signatureHtml: account.signatureHtml,
    messageId: testMessageId(messageIdHost(deps.config.publicUrl), newId('test')),
    date: deps.clock.now(),
    unsubscribe: null,
    // The footer as recipients will see it.
    postalAddress: await postalAddressOf(deps.db, campaign.userId),
    tracking: { openPixelUrl: null, rewriteLink: null },
    attachments: files.files.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.data })),
  });
  try {
    const { data } = await withAccountClient(deps, account, ({ gmail }) =>
      sendRaw(gmail, { bytes: message.bytes, raw: message.raw }, { timeout: 60_000 }),
    );
    await deps.db.insert(accountSends).values({ accountId: account.id, sentAt: deps.clock.now(), jobId: null });
    return { sentTo: to.join(', '), to, subject: `[Test] ${rendered.subject}`, missing: [...rendered.missing], gmailMessageId: data.id ?? null, recipient: recipient?.email ?? null, attachments: files.files.map((file) => file.filename), variant };
  } catch (error) {
    const failure = classifySendError(error);
    throw new ProblemError('conflict', { detail: `The test message was not sent: ${failure.message}`, extra: { reason: failure.kind } });
  }
}

/** The bare addresses to send the test to, each checked as an import would; duplicates once. */
function testAddresses(to: readonly string[] | undefined, own: string): string[] {
  if (to === undefined) return [own];
  const addresses: string[] = [];
  const keys = new Set<string>();
  const errors: { field: string; message: string }[] = [];
  to.forEach((raw, i) => {
    const check = checkEmailAddress(raw);
    if (!check.ok) errors.push({ field: `to.${i}`, message: `${raw.trim() || '(empty)'}: ${check.reason}` });
    else if (!keys.has(check.key)) {
      keys.add(check.key);
      addresses.push(check.email);
    }
  });
  if (errors.length > 0) throw new ProblemError('validation-failed', { errors });
  return addresses;
}
