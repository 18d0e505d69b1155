/**
 * Where each merge tag of an HTML body sits, as the user would look for it: in the text of the
 * body, or in a link's address (issue 14: a `{{company}}` typed in the Link box is invisible in the
 * editor, so "the body needs company" sends the user looking in the wrong place).
 */

import { parseTemplate } from './parse-template';

/** A field used in an HTML body: `link` is the address as written when the tag is in an `href`. */
export interface FieldPlace {
  readonly field: string;
  /** The link's address as written (tags kept, `&amp;` read as `&`); null: in the body's text. */
  readonly link: string | null;
}

// An `href` attribute and its value, in any of HTML's three quoting forms. `(?<![\w-])` so that
// `data-href` is not a link.
const HREF = /(?<![\w-])href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/**
 * Each field an HTML template references, once per place: once for the body's text (and any
 * other attribute) and once per distinct link address that holds it, in order of appearance.
 *
 * @example
 * fieldPlaces('<p>Hi {{name}}</p><a href="https://x.test/?c={{company}}&amp;n={{name}}">Go</a>')
 * // [{ field: 'name', link: null }, { field: 'company', link: 'https://x.test/?c={{company}}&n={{name}}' },
 * //  { field: 'name', link: 'https://x.test/?c={{company}}&n={{name}}' }]
 */
export function fieldPlaces(html: string): FieldPlace[] {
  const places: FieldPlace[] = [];
  const seen = new Set<string>();
  const add = (field: string, link: string | null) => {
    const key = `${field}\u0000${link ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    places.push({ field, link });
  };
  const links: { at: number; url: string }[] = [];
  let rest = '';
  let from = 0;
  for (const match of html.matchAll(HREF)) {
    const value = match[1] ?? match[2] ?? match[3] ?? '';
    if (!value.includes('{{')) continue;
    links.push({ at: match.index, url: value.replace(/&amp;/gi, '&') });
    rest += html.slice(from, match.index);
    from = match.index + match[0].length;
  }
  rest += html.slice(from);
  // Body text first (what the user sees), then links in order.
  for (const tag of parseTemplate(rest).tags) add(tag.field, null);
  for (const link of links) for (const tag of parseTemplate(link.url).tags) add(tag.field, link.url);
  return places;
}
