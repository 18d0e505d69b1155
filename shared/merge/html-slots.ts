/**
 * Where each tag of an HTML template sits, found once at compile time by a small tokenizer that
 * follows the HTML Living Standard's tokenizer states closely enough for email markup
 * (https://html.spec.whatwg.org/multipage/parsing.html#tokenization). Rendering then only joins
 * precomputed parts; nothing is scanned per recipient.
 */

/** How a value is escaped at a tag's position in HTML. */
export type HtmlSlot =
  /** Text content, comments, RCDATA, or a quoted attribute value: `escapeHtml`. */
  | 'text'
  /** Inside a tag but outside quotes (unquoted value, tag or attribute name): `escapeHtmlInTag`. */
  | 'in-tag'
  /**
   * A URL attribute (`href`, `src`, …), an event handler or `srcdoc` attribute, or a `<script>`
   * body: `encodeUrlComponent`, so the value is one URL component and can never become code.
   */
  | 'url';

// Attributes whose value is a URL (HTML, SVG and legacy email attributes such as `background`).
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'cite', 'poster', 'background', 'longdesc',
  'usemap', 'ping', 'data', 'codebase', 'archive', 'classid', 'manifest', 'icon', 'lowsrc',
  'dynsrc', 'xlink:href', 'xml:base',
]);
// Elements whose content is not markup until their end tag.
const RAW_TEXT_ELEMENTS = new Set([
  'script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext',
]);

// Tokenizer states (a plain object rather than an enum: erasable syntax only).
const State = {
  Data: 0,
  TagOpen: 1,
  EndTagOpen: 2,
  TagName: 3,
  BeforeAttributeName: 4,
  AttributeName: 5,
  AfterAttributeName: 6,
  BeforeAttributeValue: 7,
  AttributeValueDoubleQuoted: 8,
  AttributeValueSingleQuoted: 9,
  AttributeValueUnquoted: 10,
  RawText: 11,
  Comment: 12,
  BogusComment: 13,
} as const;
type State = (typeof State)[keyof typeof State];

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

function encodesAsUrl(attribute: string): boolean {
  return URL_ATTRIBUTES.has(attribute) || attribute.startsWith('on') || attribute === 'srcdoc';
}

/**
 * Classifies each tag position between the literal parts of an HTML template
 * (`texts.length - 1` positions). Each tag is read as a single letter, as a value would be.
 *
 * @example
 * classifyHtmlSlots(['<a href="/u?ref=', '">Hi ', '</a>']) // ['url', 'text']
 */
export function classifyHtmlSlots(texts: readonly string[]): HtmlSlot[] {
  const slots: HtmlSlot[] = [];
  const html = texts.join('x');
  let nextSlotAt = texts.length > 1 ? (texts[0] ?? '').length : -1;

  let state: State = State.Data;
  let tagName = '';
  let isEndTag = false;
  let attribute = '';
  let rawTextEnd = ''; // e.g. '</style' while in a raw text element

  for (let i = 0; i < html.length; i++) {
    // `while`/`>=`: a jump over several characters (end of a raw text element) must not skip a slot.
    while (nextSlotAt !== -1 && i >= nextSlotAt) {
      slots.push(slotFor(state, tagName, attribute));
      nextSlotAt = slots.length < texts.length - 1 ? i + 1 + (texts[slots.length] ?? '').length : -1;
    }
    const c = html.charAt(i);
    switch (state) {
      case State.Data:
        if (c === '<') state = State.TagOpen;
        break;
      case State.TagOpen:
        if (isLetter(c)) {
          state = State.TagName;
          tagName = c.toLowerCase();
          isEndTag = false;
        } else if (c === '/') state = State.EndTagOpen;
        else if (c === '!' && html.startsWith('--', i + 1)) {
          state = State.Comment;
          i += 2;
        } else if (c === '!' || c === '?') state = State.BogusComment;
        else {
          state = State.Data;
          i--; // reprocess in Data
        }
        break;
      case State.EndTagOpen:
        if (isLetter(c)) {
          state = State.TagName;
          tagName = c.toLowerCase();
          isEndTag = true;
        } else state = c === '>' ? State.Data : State.BogusComment;
        break;
      case State.TagName:
        if (isSpace(c) || c === '/') state = State.BeforeAttributeName;
        else if (c === '>') state = afterTag();
        else tagName += c.toLowerCase();
        break;
      case State.BeforeAttributeName:
        if (c === '>') state = afterTag();
        else if (!isSpace(c) && c !== '/') {
          state = State.AttributeName;
          attribute = c.toLowerCase();
        }
        break;
      case State.AttributeName:
        if (isSpace(c)) state = State.AfterAttributeName;
        else if (c === '/') state = State.BeforeAttributeName;
        else if (c === '=') state = State.BeforeAttributeValue;
        else if (c === '>') state = afterTag();
        else attribute += c.toLowerCase();
        break;
      case State.AfterAttributeName:
        if (c === '=') state = State.BeforeAttributeValue;
        else if (c === '>') state = afterTag();
        else if (c === '/') state = State.BeforeAttributeName;
        else if (!isSpace(c)) {
          state = State.AttributeName;
          attribute = c.toLowerCase();
        }
        break;
      case State.BeforeAttributeValue:
        if (c === '"') state = State.AttributeValueDoubleQuoted;
        else if (c === "'") state = State.AttributeValueSingleQuoted;
        else if (c === '>') state = afterTag();
        else if (!isSpace(c)) state = State.AttributeValueUnquoted;
        break;
      case State.AttributeValueDoubleQuoted:
        if (c === '"') state = State.BeforeAttributeName;
        break;
      case State.AttributeValueSingleQuoted:
        if (c === "'") state = State.BeforeAttributeName;
        break;
      case State.AttributeValueUnquoted:
        if (isSpace(c)) state = State.BeforeAttributeName;
        else if (c === '>') state = afterTag();
        break;
      case State.RawText:
        if (c === '<' && endsRawText(html, i, rawTextEnd)) {
          state = State.TagName;
          tagName = rawTextEnd.slice(2);
          isEndTag = true;
          i += rawTextEnd.length - 1;
        }
        break;
      case State.Comment:
        if (c === '-' && html.startsWith('-->', i)) {
          state = State.Data;
          i += 2;
        }
        break;
      case State.BogusComment:
        if (c === '>') state = State.Data;
        break;
    }
  }
  // A slot at the very end of the template (nothing after the last tag).
  while (slots.length < texts.length - 1) slots.push(slotFor(state, tagName, attribute));
  return slots;

  function afterTag(): State {
    if (!isEndTag && RAW_TEXT_ELEMENTS.has(tagName)) {
      rawTextEnd = `</${tagName}`;
      return State.RawText;
    }
    return State.Data;
  }
}

function endsRawText(html: string, at: number, end: string): boolean {
  if (html.slice(at, at + end.length).toLowerCase() !== end) return false;
  const next = html.charAt(at + end.length);
  return next === '' || next === '>' || next === '/' || isSpace(next);
}

function slotFor(state: State, tagName: string, attribute: string): HtmlSlot {
  switch (state) {
    case State.Data:
    case State.Comment:
    case State.BogusComment:
      return 'text';
    case State.RawText:
      return tagName === 'script' ? 'url' : 'text';
    case State.AttributeValueDoubleQuoted:
    case State.AttributeValueSingleQuoted:
      return encodesAsUrl(attribute) ? 'url' : 'text';
    case State.BeforeAttributeValue:
    case State.AttributeValueUnquoted:
      return encodesAsUrl(attribute) ? 'url' : 'in-tag';
    default:
      return 'in-tag';
  }
}
