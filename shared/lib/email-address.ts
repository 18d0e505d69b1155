import { addressCharacterProblem } from './unicode-text';

/**
 * Address checks for imported recipients: practical rather than the whole of RFC 5322 (quoted
 * local parts and IP-literal domains are refused: Gmail users don't send campaigns to them).
 * Written as one compiled regex plus length checks because it runs on every row of a
 * 100,000-row import. The regex takes any non-ASCII letter (internationalised addresses, RFC 6531),
 * so control, invisible and direction-changing characters are refused first, with their reason.
 */
const LOCAL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uFFFF-]+)*";
const LABEL = '[A-Za-z0-9\\u0080-\\uFFFF](?:[A-Za-z0-9\\u0080-\\uFFFF-]{0,61}[A-Za-z0-9\\u0080-\\uFFFF])?';
const ADDRESS = new RegExp(`^${LOCAL}@(?:${LABEL}\\.)+[A-Za-z\\u0080-\\uFFFF]{2,63}$`);

export type AddressCheck = { ok: true; email: string; key: string } | { ok: false; reason: string };

/** Trims, accepts `Name <address>` and `<address>`, and answers the address and its comparison key. */
export function checkEmailAddress(raw: string): AddressCheck {
  let value = raw.trim();
  // Before the grammar: a bidi override or a zero-width space would pass it and reach `To:` raw.
  const character = addressCharacterProblem(value);
  if (character) return { ok: false, reason: character };
  const angle = value.lastIndexOf('<');
  if (angle !== -1 && value.endsWith('>')) value = value.slice(angle + 1, -1).trim();
  if (value === '') return { ok: false, reason: 'The address is empty' };
  if (value.length > 254) return { ok: false, reason: 'The address is longer than 254 characters' };
  const at = value.lastIndexOf('@');
  if (at === -1) return { ok: false, reason: 'The address has no @' };
  if (at > 64) return { ok: false, reason: 'The part before @ is longer than 64 characters' };
  if (/\s/.test(value)) return { ok: false, reason: 'The address contains a space' };
  if (!ADDRESS.test(value)) {
    return { ok: false, reason: value.indexOf('.', at) === -1 ? 'The domain has no dot' : 'The address is not valid' };
  }
  return { ok: true, email: value, key: emailKey(value) };
}

/** The form addresses are compared in: case-insensitive, as every mail provider treats them in practice. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
