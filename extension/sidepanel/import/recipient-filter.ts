import type { RecipientStatus } from '../../../shared/schemas/recipients';

/** The states a user filters by, in their words: "waiting" is the API's `pending` (issue 14). */
export const STATE_FILTERS = [
  { value: '', label: 'All states' },
  { value: 'pending', label: 'Waiting' },
  { value: 'sent', label: 'Sent' },
  { value: 'replied', label: 'Replied' },
  { value: 'bounced', label: 'Bounced' },
  { value: 'unsubscribed', label: 'Unsubscribed' },
  { value: 'failed', label: 'Failed' },
  { value: 'skipped', label: 'Skipped' },
] as const satisfies ReadonlyArray<{ value: RecipientStatus | ''; label: string }>;

export type RecipientFilter = { q: string; status: RecipientStatus | '' };

export const NO_FILTER: RecipientFilter = { q: '', status: '' };

/** A recipient's state as the table shows it: the same words as the filter. */
export function stateLabel(status: RecipientStatus): string {
  return STATE_FILTERS.find((filter) => filter.value === status)?.label ?? status;
}

/** The `recipients/list` parameters for a filter: blank parts are left out, the search trimmed. */
export function filterQuery(filter: RecipientFilter): { q?: string; status?: RecipientStatus } {
  const q = filter.q.trim();
  return { ...(q ? { q } : {}), ...(filter.status ? { status: filter.status } : {}) };
}

export function isFiltered(filter: RecipientFilter): boolean {
  return Object.keys(filterQuery(filter)).length > 0;
}

/**
 * What the list shows under a filter, once every matching row is loaded: "3 recipients match",
 * "No recipient matches". Numbers and plurals through Intl.
 */
export function matchCountText(n: number, locale?: string): string {
  if (n === 0) return 'No recipient matches';
  const count = new Intl.NumberFormat(locale).format(n);
  return new Intl.PluralRules(locale).select(n) === 'one' ? `${count} recipient matches` : `${count} recipients match`;
}
