/**
 * Recipient fields, normalised once per recipient so every tag lookup is a single `Map.get`.
 *
 * A `Map` (not an object) keeps a column named `__proto__` or `constructor` an ordinary field:
 * no prototype chain is ever consulted.
 */

declare const normalised: unique symbol;

/** A recipient's fields keyed by normalised field name; build it with {@link normaliseFields}. */
export type NormalisedFields = ReadonlyMap<string, string> & { readonly [normalised]: true };

const WHITESPACE_RUN = /\s+/g;

/**
 * The form a field name is compared in: Unicode NFC (so "Prénom" typed with a combining accent
 * matches the precomposed one), trimmed, inner whitespace runs collapsed to one space, lower case.
 *
 * @example
 * normaliseFieldName('  First   Name ') // 'first name'
 */
export function normaliseFieldName(name: string): string {
  return name.normalize('NFC').trim().replace(WHITESPACE_RUN, ' ').toLowerCase();
}

/**
 * Turns a recipient's CSV row (keys are the headers as the user wrote them) into the lookup
 * structure templates render from.
 *
 * - Keys are normalised with {@link normaliseFieldName}; when two headers normalise to the same
 *   name, the first one with a value wins.
 * - Values are trimmed; an empty or whitespace-only value is left out, so it counts as missing and
 *   the tag's fallback applies.
 *
 * @example
 * const fields = normaliseFields({ 'First Name': ' Ada ', Company: '' });
 * fields.get('first name') // 'Ada'
 * fields.has('company')    // false
 */
export function normaliseFields(record: Readonly<Record<string, string>>): NormalisedFields {
  const map = new Map<string, string>();
  // Object.keys lists own enumerable keys only, so `__proto__` from JSON.parse is just a key.
  for (const key of Object.keys(record)) {
    const raw = record[key];
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    if (value === '') continue;
    const name = normaliseFieldName(key);
    if (name !== '' && !map.has(name)) map.set(name, value);
  }
  return map as Map<string, string> & { readonly [normalised]: true };
}
