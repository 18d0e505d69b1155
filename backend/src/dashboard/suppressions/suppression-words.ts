import type { Suppression } from '../../../../shared/schemas/suppressions';

/** Why an address is on the list, in the user's words. */
export const REASON_WORDS: Record<Suppression['reason'], string> = {
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complained: 'Marked as spam',
  manual: 'Added by you',
};

/** Why removing matters, said on the confirmation page (issue 14). */
export const REMOVAL_WARNING = 'They unsubscribed or bounced; sending to them again can hurt your reputation.';

export type SuppressionNotice = { kind: 'added' | 'removed'; email: string };

/** The confirmation page for removing `email`; the address travels as a query value, never a path segment. */
export function removePath(email: string): string {
  return `/suppressions/remove?${new URLSearchParams({ email })}`;
}

/** Where to go after a change: the list, with what was done said once. */
export function noticePath(notice: SuppressionNotice): string {
  return `/suppressions?${new URLSearchParams({ [notice.kind]: notice.email })}`;
}

export function readNotice(query: Record<string, string>): SuppressionNotice | undefined {
  if (query.added) return { kind: 'added', email: query.added };
  if (query.removed) return { kind: 'removed', email: query.removed };
  return undefined;
}
