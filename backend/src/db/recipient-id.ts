/**
 * Recipients have integer ids in the database (every job and event refers to one) and `rcp_<n>`
 * in the API, so an id can never be mistaken for a position in a list.
 */
export function formatRecipientId(id: number): string {
  return `rcp_${id}`;
}

/** The integer id of `rcp_<n>`, or null when `text` is not a recipient id. */
export function parseRecipientId(text: string): number | null {
  const match = /^rcp_(\d{1,15})$/.exec(text);
  return match ? Number(match[1]) : null;
}
