/**
 * What an erased person's recipient row becomes (POST /api/people/erase, backend/src/people/erase-person.ts): a
 * placeholder that keeps the campaign's figures (sent, opened, replied…) and holds nothing about
 * the person. Its address reads as a label, never a blank that looks like an address, so lists and
 * CSV exports show "(erased)" without code of their own; its key is unique per row (the campaign's
 * one-row-per-address index) and can never be an address (no @).
 */
export const ERASED_EMAIL = '(erased)';

/** The prefix of a placeholder's `email_key`: `erased:<recipient id>`. */
export const ERASED_KEY_PREFIX = 'erased:';

/** Why a recipient who was still waiting will not be sent to. */
export const ERASED_REASON = "Erased at the person's request";

export function isErasedKey(emailKey: string): boolean {
  return emailKey.startsWith(ERASED_KEY_PREFIX);
}
