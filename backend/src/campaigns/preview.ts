import { and, asc, eq } from 'drizzle-orm';
import { normaliseFields } from '../../../shared/merge';
import type { Preview } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { recipients } from '../db/schema';
import { ProblemError } from '../http/problem';
import { compileStepTemplates } from './campaign-templates';
import type { CampaignRow } from './campaign-store';
import { formatRecipientId, parseRecipientId } from '../db/recipient-id';

/**
 * The first message as one recipient will get it: `recipient` is a recipient id (`rcp_…`) or a
 * 0-based position in the list; without one, the first recipient (or no fields at all).
 */
export async function previewCampaign(deps: Pick<AppDeps, 'db'>, campaign: CampaignRow, recipient: string | undefined): Promise<Preview> {
  const fields = await previewRecipient(deps, campaign, recipient ?? '0');
  const rendered = compileStepTemplates(campaign).render(normaliseFields(fields?.fields ?? {}));
  return {
    recipient: fields ? { id: formatRecipientId(fields.id), email: fields.email } : null,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    missing: [...rendered.missing],
  };
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
