/**
 * Pasted HTML with its inline styles turned into the tags they mean, before the editor parses it.
 *
 * Why: the panel's CSP (`style-src 'self'`) refuses style attributes, so in pasted HTML the browser
 * neither applies nor exposes them (`element.style` stays empty, and each one is reported as a
 * violation). Tiptap's Bold rule reads `element.style.fontWeight` to tell Google Docs'
 * `<b style="font-weight:normal" id="docs-internal-guid-…">` wrapper from real bold: under our
 * CSP the whole paste would turn bold. So styles are renamed before any parsing (no violation),
 * read here as text, and become `<strong>`, `<em>`, `<u>` or nothing; the schema drops the rest.
 */

const RENAMED = 'data-pasted-style';
// A style attribute inside a start tag, in either quoting.
const STYLE_ATTRIBUTE = /(<[a-z][^<>]*?\s)style\s*=\s*("[^"]*"|'[^']*')/gi;

/** The value of one CSS property in a style attribute's text; `mso-bidi-font-weight` is not `font-weight`. */
function property(style: string, name: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`, 'i').exec(style);
  return match?.[1]?.trim().toLowerCase() ?? null;
}

/** What a style attribute's text says about emphasis. */
export function emphasisOf(style: string): { bold: boolean | null; italic: boolean; underline: boolean } {
  const weight = property(style, 'font-weight');
  const bold = weight === null ? null : /^(bold|bolder|[6-9]00)$/.test(weight) ? true : /^(normal|lighter|[1-4]00)$/.test(weight) ? false : null;
  return {
    bold,
    italic: property(style, 'font-style') === 'italic',
    underline: /underline/.test(property(style, 'text-decoration') ?? property(style, 'text-decoration-line') ?? ''),
  };
}

/**
 * @example
 * pastedStylesToMarkup('<b style="font-weight:normal"><span style="font-weight:700">Hi</span></b>')
 * // '<span><strong>Hi</strong></span>'
 */
export function pastedStylesToMarkup(html: string): string {
  if (!/\sstyle\s*=/i.test(html)) return html;
  const renamed = html.replace(STYLE_ATTRIBUTE, `$1${RENAMED}=$2`);
  // An inert document: nothing in it loads or runs.
  const doc = new DOMParser().parseFromString(renamed, 'text/html');
  for (const element of [...doc.body.querySelectorAll(`[${RENAMED}]`)]) {
    const style = element.getAttribute(RENAMED) ?? '';
    element.removeAttribute(RENAMED);
    const { bold, italic, underline } = emphasisOf(style);
    const tag = element.tagName.toLowerCase();
    if (bold === false && (tag === 'b' || tag === 'strong')) {
      // Not bold after all (Google Docs' wrapper, Word's mso runs): keep the content only.
      element.replaceWith(...element.childNodes);
      continue;
    }
    const wraps = [bold === true && tag !== 'b' && tag !== 'strong' ? 'strong' : null, italic && tag !== 'i' && tag !== 'em' ? 'em' : null, underline && tag !== 'u' ? 'u' : null];
    for (const wrap of wraps) {
      if (!wrap) continue;
      const inner = doc.createElement(wrap);
      inner.append(...element.childNodes);
      element.append(inner);
    }
  }
  return doc.body.innerHTML;
}
