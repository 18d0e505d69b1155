/**
 * The merge-tag scanner: turns template source into literal text and tags, once per template.
 *
 * Syntax (see README.md beside this file):
 * - `{{ field }}` and `{{ field | fallback }}`, any whitespace inside the braces.
 * - A field name is letters (any script), combining marks, digits, `_`, `-`, `.` and single
 *   spaces between words; it is compared case-insensitively (see `normaliseFieldName`).
 * - The fallback is everything after the first `|` up to `}}`, trimmed; it may contain `|` and
 *   may be empty. It is template text, copied as written.
 * - `\{{` writes a literal `{{` (the backslash is dropped).
 * - Any other `{{` that does not start a valid tag stays literal text: user content never throws.
 */

import { normaliseFieldName } from './fields';

/** A `{{ … }}` tag as written. */
export interface ParsedTag {
  /** Normalised field name (see `normaliseFieldName`). */
  readonly field: string;
  /** Trimmed fallback text, or `null` when the tag has no `|`. */
  readonly fallback: string | null;
}

/** Template source split into `texts.length === tags.length + 1` literal parts around the tags. */
export interface ParsedTemplate {
  readonly texts: readonly string[];
  readonly tags: readonly ParsedTag[];
}

// Words of letters, marks, digits, `_`, `-`, `.`, separated by whitespace runs.
const FIELD_NAME = /^[\p{L}\p{M}\p{N}_.-]+(?:\s+[\p{L}\p{M}\p{N}_.-]+)*$/u;
const BACKSLASH = 92;
/**
 * Rich-text editors (ours, Gmail's compose window) write a space typed beside another space as
 * `&nbsp;`: inside a tag's name it is a space, so `{{&nbsp;first&nbsp;name }}` still merges.
 */
const NBSP_ENTITY = /&(?:nbsp|#160|#x0*a0);/gi;

/**
 * Splits a template into literal text and tags.
 *
 * @example
 * parseTemplate('Hi {{ First Name | there }}!')
 * // { texts: ['Hi ', '!'], tags: [{ field: 'first name', fallback: 'there' }] }
 */
export function parseTemplate(source: string): ParsedTemplate {
  const texts: string[] = [];
  const tags: ParsedTag[] = [];
  let text = '';
  let from = 0; // start of source not yet copied into `text`
  let open = source.indexOf('{{');
  let close = -2; // cached position of the next `}}` at or after `open + 2`; -1 when there is none

  while (open !== -1) {
    if (open > 0 && source.charCodeAt(open - 1) === BACKSLASH) {
      // `\{{`: a literal `{{`, backslash dropped.
      text += source.slice(from, open - 1) + '{{';
      from = open + 2;
      open = source.indexOf('{{', from);
      continue;
    }
    if (close !== -1 && close < open + 2) close = source.indexOf('}}', open + 2);
    const tag = close === -1 ? null : readTag(source, open + 2, close);
    if (tag === null) {
      // Not a tag: keep this `{` and look again from the next character (so `{{{ x }}}` still
      // finds the tag in the middle).
      open = source.indexOf('{{', open + 1);
      continue;
    }
    texts.push(text + source.slice(from, open));
    tags.push(tag);
    text = '';
    from = close + 2;
    open = source.indexOf('{{', from);
  }
  texts.push(text + source.slice(from));
  return { texts, tags };
}

function readTag(source: string, start: number, end: number): ParsedTag | null {
  const inner = source.slice(start, end);
  // A `{{` inside means this one is unmatched; the inner one may still be a tag.
  if (inner.includes('{{')) return null;
  const bar = inner.indexOf('|');
  const name = (bar === -1 ? inner : inner.slice(0, bar)).replace(NBSP_ENTITY, ' ').trim();
  if (!FIELD_NAME.test(name)) return null;
  return {
    field: normaliseFieldName(name),
    fallback: bar === -1 ? null : inner.slice(bar + 1).trim(),
  };
}
