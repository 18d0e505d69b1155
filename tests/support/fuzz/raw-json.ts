/**
 * Request bodies as the fuzz suite writes them: JSON text built by hand, so that what a parser
 * must survive can be said exactly. A lone surrogate stays the escape `\ud800` in the text (as
 * `JSON.stringify` writes it since ES2019), an object may repeat a key or own a `__proto__` key,
 * and 100,000 levels of nesting are text, not a value anything had to build recursively.
 */

/** JSON text inserted as it is: `1e400`, `-0`, a 100,000-level nest, a truncated document. */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * An object given as its members, in order: keys JavaScript cannot put on a plain object literal
 * (`__proto__`) or may not repeat (`{"name":"a","name":"b"}`) stay in the text.
 */
export class JsonEntries {
  constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
}

/** Something only the running server knows (an account id), filled in when the case runs. */
export class Ref {
  constructor(readonly name: RefName) {}
}
export type RefName = 'accountId' | 'currentPassword' | 'userEmail';

/** JSON text for `value`, with each {@link Ref} replaced by `refs[name]`. */
export function toJsonText(value: unknown, refs: Partial<Record<RefName, unknown>> = {}): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof Ref) return toJsonText(refs[value.name] ?? null, refs);
  if (value instanceof JsonEntries) {
    const members = value.entries.filter(([, member]) => member !== undefined);
    return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${toJsonText(member, refs)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => toJsonText(item, refs)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return toJsonText(new JsonEntries(Object.entries(value)), refs);
  }
  // An object member that is undefined is left out (above); anywhere else it is written as null.
  return JSON.stringify(value) ?? 'null';
}

/**
 * UTF-8 bytes for `text`, except that a lone surrogate is written as the three bytes it would have
 * if it were a code point (WTF-8: U+D800 → ED A0 80). No UTF-8 decoder may accept those bytes.
 */
export function wtf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/**
 * Percent-encodes every byte outside RFC 3986's unreserved set (§2.3), from {@link wtf8Bytes}:
 * unlike `encodeURIComponent`, a lone surrogate does not throw but becomes `%ED%A0%80`, which a
 * server decoding the URL as UTF-8 must refuse or keep, not crash on.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of wtf8Bytes(text)) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `text` with everything outside printable ASCII as `\uXXXX`, long runs cut: for failure messages. */
export function visible(text: string, max = 400): string {
  const escaped = text.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, max - 120)}…(${text.length.toLocaleString('en-US')} chars)…${escaped.slice(-100)}`;
}
