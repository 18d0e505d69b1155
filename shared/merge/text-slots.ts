/**
 * Where each tag of a plain-text template sits: inside a URL or in prose. A value merged into a URL
 * is percent-encoded, exactly as in an HTML `href` (issue 14: `…?ref={{company}}` became
 * `…?ref=Acme, Inc.` in the text part and the link broke at the space).
 */

/** `url`: the tag is part of a URL written in the text; `text`: anywhere else. */
export type TextSlot = 'text' | 'url';

// A URL starts a whitespace-delimited word, or follows one of the brackets plain-text mail (and
// html-to-text's "label [url]") puts around it.
const URL_START = /(?:^|[\s[<(])(?:https?:\/\/|mailto:)[^\s<>[\]]*$/i;

/**
 * Classifies each tag position between the literal parts of a text template
 * (`texts.length - 1` positions). Tags are read as one letter, as a value that needs no encoding.
 *
 * @example
 * classifyTextSlots(['Hi ', ', see [https://x.test/?c=', ']']) // ['text', 'url']
 */
export function classifyTextSlots(texts: readonly string[]): TextSlot[] {
  const slots: TextSlot[] = [];
  let before = '';
  for (let i = 0; i < texts.length - 1; i++) {
    before += texts[i] ?? '';
    // Only the current word matters: keep from the last whitespace on, so this stays linear.
    const space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'), before.lastIndexOf('\t'));
    if (space > 0) before = before.slice(space);
    slots.push(URL_START.test(before) ? 'url' : 'text');
    before += 'x';
  }
  return slots;
}
