/**
 * What text the product accepts, defined once for the API's schemas, CSV imports and the panel.
 *
 * - **Well-formed Unicode** everywhere: a lone UTF-16 surrogate (`"\ud800"` in JSON) has no UTF-8
 *   form. SQLite stores it as invalid UTF-8 and the libsql binding panics reading it back, ending
 *   the process (issue 12), so such text never passes the edge.
 * - **Single-line text** (names, subjects, addresses, From names, field names) refuses control
 *   characters (C0 but tab, C1 incl. NEL, DEL) because SQLite's C API cuts strings at NUL and
 *   header lines must not break; tab is kept as spreadsheets paste it.
 * - **Addresses** also refuse invisible and direction-changing characters: bidi embeddings,
 *   overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), zero-width
 *   characters (U+200B–U+200D, U+2060, U+FEFF) and the line/paragraph separators (U+2028/U+2029):
 *   an address that shows one thing and sends to another is a spoofing tool (Unicode TR #36 §2).
 */

// ES2024 methods that Node 20 and every browser we support have; the backend's `lib` is ES2023.
declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/** True when `text` has no lone surrogate (Node ≥ 20 and every browser we support have the method). */
export function isWellFormedText(text: string): boolean {
  return text.isWellFormed();
}

/** Why `text` is not well-formed Unicode, or null when it is: the first check of every rule below. */
export function wellFormedTextProblem(text: string): string | null {
  return text.isWellFormed() ? null : 'contains a broken character (a lone UTF-16 surrogate)';
}

// C0 controls but tab (U+0009), LF and CR are handled by the caller's rule; DEL; C1 controls (incl. NEL U+0085).
const CONTROL_BUT_TAB = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;
const CONTROL_BUT_TAB_CR_LF = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_SEPARATORS = /[\u2028\u2029]/;
const INVISIBLE_OR_BIDI = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

/**
 * Why `text` cannot be a single-line value (a name, subject, From name, field name), or null when it can.
 *
 * @example singleLineTextProblem('Before\u0000After') // 'contains a control character (U+0000)'
 */
export function singleLineTextProblem(text: string): string | null {
  const broken = wellFormedTextProblem(text);
  if (broken) return broken;
  const control = CONTROL_BUT_TAB.exec(text) ?? LINE_SEPARATORS.exec(text);
  if (control) return `contains a control character (${codePoint(control[0])})`;
  return null;
}

/**
 * Why `text` cannot be a multi-line value (a body, a field value), or null when it can: like a
 * single line, but CR and LF are allowed (and so are U+2028/U+2029, which are text in a body).
 */
export function multiLineTextProblem(text: string): string | null {
  const broken = wellFormedTextProblem(text);
  if (broken) return broken;
  const control = CONTROL_BUT_TAB_CR_LF.exec(text);
  if (control) return `contains a control character (${codePoint(control[0])})`;
  return null;
}

/** Why `address` holds a character no address may hold, or null. Runs before the address grammar. */
export function addressCharacterProblem(address: string): string | null {
  const single = singleLineTextProblem(address);
  if (single) return `The address ${single}`;
  const hidden = INVISIBLE_OR_BIDI.exec(address);
  if (hidden) return `The address contains an invisible or direction-changing character (${codePoint(hidden[0])})`;
  return null;
}

/** `U+0000` notation for a message. */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
