/**
 * Value escapers for each place a tag can sit. Each has a fast path: one cheap regex test that
 * returns the value untouched when nothing needs escaping (true of almost every name and company).
 */

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;
const HTML_ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const toEntity = (c: string): string => HTML_ENTITY[c] ?? c;

/**
 * Escapes `& < > " '` so a value is text in HTML content and inside a quoted attribute value.
 *
 * @example
 * escapeHtml('<script>alert(1)</script>') // '&lt;script&gt;alert(1)&lt;/script&gt;'
 */
export function escapeHtml(value: string): string {
  return HTML_SPECIAL.test(value) ? value.replace(HTML_SPECIAL_ALL, toEntity) : value;
}

// Outside a quoted attribute value (unquoted value, tag or attribute name) whitespace, `=`, `/`
// and the backtick also end or alter the token, so they become character references too.
const TAG_SPECIAL = /[&<>"'\s=/`]/;
const TAG_SPECIAL_ALL = /[&<>"'\s=/`]/g;
const toReference = (c: string): string => HTML_ENTITY[c] ?? `&#${c.charCodeAt(0)};`;

/**
 * Escapes a value for a spot inside a tag but outside a quoted attribute value, e.g.
 * `<td width={{ w }}>`: it can neither end the attribute nor add another one.
 *
 * @example
 * escapeHtmlInTag('1 onclick=x') // '1&#32;onclick&#61;x'
 */
export function escapeHtmlInTag(value: string): string {
  return TAG_SPECIAL.test(value) ? value.replace(TAG_SPECIAL_ALL, toReference) : value;
}

// RFC 3986 unreserved characters: the only ones left as they are.
const URL_SAFE = /^[A-Za-z0-9\-._~]*$/;
const URL_SUB_DELIMS = /[!'()*]/g;
const toPercent = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes a value as one URL component (query value, path segment): `encodeURIComponent`
 * plus `! ' ( ) *` (RFC 3986 §2.3 leaves only `A-Z a-z 0-9 - . _ ~` as they are). The result is
 * therefore also safe in any HTML attribute, quoted or not, and can never turn a link into a
 * `javascript:` URL: the `:` is encoded. Lone surrogates become U+FFFD instead of throwing.
 *
 * @example
 * encodeUrlComponent('Tom & Jerry / Co') // 'Tom%20%26%20Jerry%20%2F%20Co'
 */
export function encodeUrlComponent(value: string): string {
  if (URL_SAFE.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // URIError: a lone surrogate (only from broken input). Replace it, as TextEncoder would.
    encoded = encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
  }
  return encoded.replace(URL_SUB_DELIMS, toPercent);
}

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
const LINE_BREAK_RUNS = /[\r\n\u0085\u2028\u2029]+/g;

/**
 * Replaces each run of line breaks (CR, LF, NEL, U+2028, U+2029) with one space. A subject is a
 * header: a value with CR/LF could end it and inject headers (RFC 5322 §2.2: header fields are
 * single lines; folding is the MIME encoder's job, not the template's).
 *
 * @example
 * stripLineBreaks('Hi\r\nBcc: x@example.com') // 'Hi Bcc: x@example.com'
 */
export function stripLineBreaks(value: string): string {
  return LINE_BREAK.test(value) ? value.replace(LINE_BREAK_RUNS, ' ') : value;
}
