/**
 * Compile a template once per campaign, render it once per recipient.
 *
 * Compiling splits the source into literal parts and tags and decides, per tag, how its value is
 * escaped (for HTML, from where the tag sits in the markup). Rendering is then a loop of
 * `Map.get`, an escaper with a no-op fast path, and string concatenation: no regex over the
 * template, no key normalisation, no code evaluation.
 */

import { encodeUrlComponent, escapeHtml, escapeHtmlInTag, stripLineBreaks } from './escape';
import type { NormalisedFields } from './fields';
import { classifyHtmlSlots, type HtmlSlot } from './html-slots';
import { parseTemplate } from './parse-template';
import { classifyTextSlots } from './text-slots';

/** Every {@link MergeContext}, e.g. for a zod enum. */
export const MERGE_CONTEXTS = ['subject', 'html', 'text', 'url'] as const;

/**
 * Where a template's output goes, which decides how values are escaped:
 * - `subject`: raw values with line breaks replaced by a space (it is a header: no injection);
 *   literal line breaks in the template are replaced the same way.
 * - `text`: raw values; inside a URL written in the text (`https://…`, `mailto:…`), percent-encoded
 *   as in an HTML `href`.
 * - `html`: HTML-escaped values; in URL attributes (`href`, `src`, …) percent-encoded instead.
 * - `url`: a bare link URL (e.g. a link being rewritten for click tracking): percent-encoded.
 */
export type MergeContext = (typeof MERGE_CONTEXTS)[number];

/** The result of rendering one template for one recipient. */
export interface RenderResult {
  readonly output: string;
  /** Fields the template needs (no fallback) that the recipient has no value for; rendered as ''. */
  readonly missing: readonly string[];
}

/** A template ready to render per recipient. */
export interface CompiledTemplate {
  readonly context: MergeContext;
  /** Normalised names of every field referenced, each once, in order of first use. */
  readonly fields: readonly string[];
  /** Fields referenced at least once without a fallback. */
  readonly requiredFields: readonly string[];
  render(fields: NormalisedFields): RenderResult;
}

type Escape = (value: string) => string;

interface Slot {
  readonly field: string;
  /** Final text for a missing value, already in output form; `null` when the field is required. */
  readonly fallback: string | null;
  readonly escape: Escape;
  /** The literal text that follows this tag. */
  readonly after: string;
}

const NONE: readonly string[] = Object.freeze([]);
const raw: Escape = (value) => value;
const HTML_ESCAPES: Readonly<Record<HtmlSlot, Escape>> = {
  text: escapeHtml,
  'in-tag': escapeHtmlInTag,
  url: encodeUrlComponent,
};

/**
 * Compiles a template for one output context. Never throws on template content: text that is
 * not a valid tag stays literal.
 *
 * @example
 * const greeting = compileTemplate('<p>Hi {{ First Name | there }},</p>', 'html');
 * greeting.render(normaliseFields({ 'first name': 'Ada & Bob' }))
 * // { output: '<p>Hi Ada &amp; Bob,</p>', missing: [] }
 */
export function compileTemplate(source: string, context: MergeContext): CompiledTemplate {
  if (!MERGE_CONTEXTS.includes(context)) throw new TypeError(`Unknown merge context: ${String(context)}`);
  const { texts, tags } = parseTemplate(source);
  const htmlSlots = context === 'html' ? classifyHtmlSlots(texts) : null;
  const textSlots = context === 'text' ? classifyTextSlots(texts) : null;
  const literal = context === 'subject' ? stripLineBreaks : raw;

  const slots: Slot[] = tags.map((tag, i) => ({
    field: tag.field,
    fallback: tag.fallback === null ? null : literal(tag.fallback),
    escape: textSlots?.[i] === 'url' ? encodeUrlComponent : escapeFor(context, htmlSlots?.[i]),
    after: literal(texts[i + 1] ?? ''),
  }));
  const fields = unique(tags.map((tag) => tag.field));
  const requiredFields = unique(tags.filter((tag) => tag.fallback === null).map((tag) => tag.field));

  return new Template(context, literal(texts[0] ?? ''), slots, fields, requiredFields);
}

function escapeFor(context: MergeContext, htmlSlot: HtmlSlot | undefined): Escape {
  switch (context) {
    case 'subject':
      return stripLineBreaks;
    case 'text':
      return raw;
    case 'url':
      return encodeUrlComponent;
    case 'html':
      return HTML_ESCAPES[htmlSlot ?? 'text'];
  }
}

class Template implements CompiledTemplate {
  constructor(
    readonly context: MergeContext,
    private readonly head: string,
    private readonly slots: readonly Slot[],
    readonly fields: readonly string[],
    readonly requiredFields: readonly string[],
  ) {
    Object.freeze(fields);
    Object.freeze(requiredFields);
  }

  render(values: NormalisedFields): RenderResult {
    let output = this.head;
    let missing: string[] | undefined;
    for (const slot of this.slots) {
      const value = values.get(slot.field);
      if (value !== undefined) output += slot.escape(value);
      else if (slot.fallback !== null) output += slot.fallback;
      else if (missing === undefined) missing = [slot.field];
      else if (!missing.includes(slot.field)) missing.push(slot.field);
      output += slot.after;
    }
    return { output, missing: missing ?? NONE };
  }
}

/**
 * Fields a template (or campaign) needs that a recipient has no value for, without rendering:
 * for preflight checks over a whole recipient list.
 *
 * @example
 * missingFields(compiled, normaliseFields({ Email: 'a@example.com' })) // ['first name']
 */
export function missingFields(
  compiled: { readonly requiredFields: readonly string[] },
  values: NormalisedFields,
): readonly string[] {
  let missing: string[] | undefined;
  for (const field of compiled.requiredFields) {
    if (!values.has(field)) (missing ??= []).push(field);
  }
  return missing ?? NONE;
}

/** Distinct values in order of first appearance. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
