import { normaliseFields } from '../../../shared/merge';
import type { TestSendResult } from '../../../shared/schemas/launch';
import { withAccountClient, type AccountClientDeps } from '../accounts/account-client';
import { findAccount } from '../accounts/account-store';
import { messageIdHost, testMessageId } from '../campaigns/campaign-message-id';
import { accountSends } from '../db/schema';
import { ProblemError } from '../http/problem';
import { newId } from '../lib/random';
import { classifySendError } from './classify-send-error';
import { buildMessage } from './message';
import { compileStepTemplates } from '../campaigns/campaign-templates';
import type { CampaignRow } from '../campaigns/campaign-store';
import { previewRecipient } from '../campaigns/preview';

/**
 * Sends the first message, rendered for one recipient, to the sending account's own address with
 * "[Test]" before the subject: the real templates, MIME and Gmail path, without tracking (a test
 * open is not a reader) and without touching any recipient. It counts toward the account's daily
 * limit, as Gmail counts it.
 */
export async function sendTestMessage(
  deps: AccountClientDeps,
  campaign: CampaignRow,
  input: { accountId: string; recipient?: string | undefined },
): Promise<TestSendResult> {
  const account = await findAccount(deps, campaign.userId, input.accountId);
  if (!account) {
    throw new ProblemError('validation-failed', { errors: [{ field: 'accountId', message: 'Unknown Gmail account' }] });
  }
  const recipient = await previewRecipient(deps, campaign, input.recipient ?? '0');
  const rendered = compileStepTemplates(campaign).render(normaliseFields(recipient?.fields ?? {}));
  const message = await buildMessage({
    from: { email: account.email, name: account.fromName },
    to: account.email,
    subject: `[Test] ${rendered.subject}`,
    html: rendered.html,
    text: rendered.text,
    signatureHtml: account.signatureHtml,
    messageId: testMessageId(messageIdHost(deps.config.publicUrl), newId('test')),
    date: deps.clock.now(),
    unsubscribe: null,
    tracking: { openPixelUrl: null, rewriteLink: null },
  });
  try {
    const { data } = await withAccountClient(deps, account, ({ gmail }) =>
      gmail.users.messages.send({ userId: 'me', requestBody: { raw: message.raw } }),
    );
    await deps.db.insert(accountSends).values({ accountId: account.id, sentAt: deps.clock.now(), jobId: null });
    return { sentTo: account.email, subject: `[Test] ${rendered.subject}`, missing: [...rendered.missing], gmailMessageId: data.id ?? null, recipient: recipient?.email ?? null };
  } catch (error) {
    const failure = classifySendError(error);
    throw new ProblemError('conflict', { detail: `The test message was not sent: ${failure.message}`, extra: { reason: failure.kind } });
  }
}
