import { parseTemplate } from '../../../shared/merge';

/** The attribute that marks a merge-tag chip in the editor's HTML; its value is the tag as written. */
export const MERGE_TAG_ATTR = 'data-merge-tag';

// A tag, a comment, or a raw-text element's whole content: text between them is the only place
// where `{{…}}` becomes a chip (never inside an attribute such as a link's href).
const MARKUP = /<!--[\s\S]*?-->|<(script|style|title|textarea)\b[\s\S]*?<\/\1\s*>|<(?:[^>"']|"[^"]*"|'[^']*')*>/gi;

/**
 * The merge tags of one run of text, as written (`{{ first name | there }}` whole), with their
 * positions. Uses the merge engine's own parser, so a chip is exactly what the sender will fill;
 * `\{{` (a literal) and `{{ not a tag` stay text.
 *
 * @example findTags('Hi {{ name | there }}!') // [{ from: 3, to: 21, source: '{{ name | there }}' }]
 */
export function findTags(text: string): Array<{ from: number; to: number; source: string }> {
  const found: Array<{ from: number; to: number; source: string }> = [];
  let open = text.indexOf('{{');
  while (open !== -1) {
    const close = text.indexOf('}}', open + 2);
    if (close === -1) break;
    const source = text.slice(open, close + 2);
    const parsed = parseTemplate(source);
    const escaped = open > 0 && text[open - 1] === '\\';
    if (!escaped && parsed.tags.length === 1 && parsed.texts.every((part) => part === '')) {
      found.push({ from: open, to: close + 2, source });
      open = text.indexOf('{{', close + 2);
    } else {
      open = text.indexOf('{{', open + 1);
    }
  }
  return found;
}

/**
 * Stored HTML with each merge tag in its TEXT wrapped as a chip element the editor parses into an
 * atomic node. Tags inside attributes (a link's address) stay as they are: they are edited in the
 * link box. The tag's source goes in the attribute still entity-encoded as it was in the text, so
 * the browser decodes it once and the editor writes it back the same.
 *
 * @example
 * tagsToChips('<a href="https://x.test/?c={{company}}">For {{company}}</a>')
 * // '<a href="https://x.test/?c={{company}}">For <span data-merge-tag="{{company}}">{{company}}</span></a>'
 */
export function tagsToChips(html: string): string {
  let out = '';
  let from = 0;
  for (const match of html.matchAll(MARKUP)) {
    out += chipsInText(html.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return out + chipsInText(html.slice(from));
}

function chipsInText(text: string): string {
  if (!text.includes('{{')) return text;
  let out = '';
  let from = 0;
  for (const tag of findTags(text)) {
    out += text.slice(from, tag.from) + `<span ${MERGE_TAG_ATTR}="${tag.source.replace(/"/g, '&quot;')}">${tag.source}</span>`;
    from = tag.to;
  }
  return out + text.slice(from);
}

// A chip exactly as the editor serialises it (renderHTML in merge-tag-node.ts): attribute, then the
// same text, both escaped by the browser's serializer.
const CHIP = new RegExp(`<span ${MERGE_TAG_ATTR}="[^"]*">([^<]*)</span>`, 'g');

/**
 * The editor's HTML with each chip replaced by its tag's text: what is stored and sent.
 *
 * @example chipsToTags('<p>Hi <span data-merge-tag="{{ name }}">{{ name }}</span></p>') // '<p>Hi {{ name }}</p>'
 */
export function chipsToTags(html: string): string {
  return html.replace(CHIP, '$1');
}
