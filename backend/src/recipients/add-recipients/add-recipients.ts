import { checkEmailAddress } from '../../../../shared/lib/email-address';
import type { ImportResult } from '../../../../shared/schemas/recipients';
import type { AppDeps } from '../../deps';
import { storeRecipients, type RecipientCandidate } from './store-recipients';

/**
 * Adds recipients sent as JSON (already through `addRecipientsBodySchema`) with the same checks as a
 * CSV import: invalid addresses are reported with their 1-based position in the list as `row`,
 * repeats within the list count as duplicates (the first wins), then {@link storeRecipients} skips
 * addresses already in the campaign or suppressed. The campaign gains every field name used, in
 * first-seen order.
 *
 * @example
 * await addRecipients(deps, { userId, campaignId, recipients: [{ email: 'ada@example.com', fields: { 'First name': 'Ada' } }] });
 */
export async function addRecipients(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  input: { userId: string; campaignId: string; recipients: readonly { email: string; fields: Record<string, string> }[] },
): Promise<ImportResult> {
  const candidates: RecipientCandidate[] = [];
  const invalid: ImportResult['invalid'] = [];
  const seen = new Set<string>();
  const fields = new Set<string>();
  let duplicates = 0;
  input.recipients.forEach((recipient, index) => {
    const address = checkEmailAddress(recipient.email);
    if (!address.ok) {
      invalid.push({ row: index + 1, value: recipient.email, reason: address.reason });
      return;
    }
    if (seen.has(address.key)) {
      duplicates++;
      return;
    }
    seen.add(address.key);
    for (const name of Object.keys(recipient.fields)) fields.add(name);
    candidates.push({ email: address.email, key: address.key, fields: recipient.fields });
  });

  const stored = await storeRecipients(deps, { userId: input.userId, campaignId: input.campaignId, candidates, fields: [...fields] });
  return { ...stored, duplicates: duplicates + stored.duplicates, invalid };
}
