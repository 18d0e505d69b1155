import type { Suppression } from '../../../shared/schemas/suppressions';

/** Why an address is on the list, in the user's words (the dashboard's page says the same). */
export const REASON_WORDS: Record<Suppression['reason'], string> = {
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complained: 'Marked as spam',
  manual: 'Added by you',
};

/** Why removing matters, said before the address is removed (issue 14). */
export const REMOVAL_WARNING = 'They unsubscribed or bounced; sending to them again can hurt your reputation.';

/** "1 address on the list", "3 addresses match “acme”", with Intl numbers and plurals. */
export function listCountText(n: number, q: string, locale?: string): string {
  const count = new Intl.NumberFormat(locale).format(n);
  const one = new Intl.PluralRules(locale).select(n) === 'one';
  if (q) return n === 0 ? `No address matches “${q}”` : `${count} ${one ? 'address matches' : 'addresses match'} “${q}”`;
  return n === 0 ? 'No address on the list' : `${count} ${one ? 'address' : 'addresses'} on the list`;
}
