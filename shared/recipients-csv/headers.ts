import { normaliseFieldName } from '../merge/fields';

/**
 * Turns a CSV header row into column names: trimmed, blank ones named `Column N` (N counts from 1,
 * as a spreadsheet's columns do), and repeated ones made distinct as `Name (2)`, `Name (3)`. A line
 * break in a header (a wrapped cell: Alt+Enter in Excel) reads as one space: a field name is one line
 * (shared/lib/unicode-text), and merge tags compare inner whitespace as one space anyway.
 *
 * Names are compared the way merge tags compare them ({@link normaliseFieldName}: case and inner
 * whitespace ignored), so `Name` and `name` also become `Name` and `name (2)`: otherwise the second
 * column could never be reached from a template. A name that was written in the file keeps its
 * spelling; only repeats get a suffix, and a suffix never takes a name another header already has.
 *
 * @example
 * nameColumns(['Email', ' Name ', 'Name', '']) // ['Email', 'Name', 'Name (2)', 'Column 4']
 */
export function nameColumns(headers: readonly string[]): string[] {
  const written = headers.map((header, index) => header.replace(/[ \t]*(?:\r\n?|[\n\u2028\u2029])[ \t]*/g, ' ').trim() || `Column ${index + 1}`);
  const firstOf = new Map<string, number>();
  written.forEach((name, index) => {
    const key = normaliseFieldName(name);
    if (!firstOf.has(key)) firstOf.set(key, index);
  });
  const taken = new Set(firstOf.keys());
  return written.map((name, index) => {
    if (firstOf.get(normaliseFieldName(name)) === index) return name;
    for (let n = 2; ; n++) {
      const candidate = `${name} (${n})`;
      const key = normaliseFieldName(candidate);
      if (!taken.has(key)) {
        taken.add(key);
        return candidate;
      }
    }
  });
}

/** Header spellings taken to mean "the address", compared trimmed, lower-cased, `_` read as a space. */
const EMAIL_HEADERS = new Set(['email', 'e-mail', 'email address', 'e-mail address', 'mail']);

/**
 * The index of the address column: the one named `requested` (compared like merge-field names), or
 * else the first whose header reads as an address (`Email`, `E-mail`, `Email Address`, `mail`, ...).
 * -1 when there is none.
 */
export function findEmailColumn(names: readonly string[], requested?: string): number {
  if (requested !== undefined && requested.trim() !== '') {
    const wanted = normaliseFieldName(requested);
    return names.findIndex((name) => normaliseFieldName(name) === wanted);
  }
  return names.findIndex((name) => EMAIL_HEADERS.has(normaliseFieldName(name.replace(/_/g, ' '))));
}
