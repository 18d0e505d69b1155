/**
 * Bare URLs typed in an HTML body's text become links (issue 14: "https://x.test/offer" typed in the
 * editor went out as plain text, not clickable and not tracked). Runs on the template, before
 * merging, so the links of a step are the same for every recipient (a value that looks like a URL
 * never becomes a link) and a tag inside a typed URL is merged as a URL component.
 */

// A markup token: comment, or tag (attribute values quoted or not; a `>` inside quotes is kept).
const TOKEN = /<!--[\s\S]*?-->|<\/?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g;
// http(s) URLs, merge tags allowed inside (`{{ company }}` may hold spaces); an `&nbsp;` ends it.
const BARE_URL = /\bhttps?:\/\/(?:\{\{[^{}]*\}\}|&(?!nbsp;|#160;|#xa0;)|[^\s<>"'{}&\u00a0])+/gi;
// Sentence punctuation after a URL is not part of it ("see https://x.test.").
const TRAILING = /[.,;:!?)\]]+$/;
const NOT_LINKED = new Set(['a', 'script', 'style', 'textarea', 'title', 'head']);

/**
 * Wraps each bare http(s) URL of the body's text in `<a href>`; text already inside a link, a
 * `<script>`/`<style>`, a tag or a comment is left as it is.
 *
 * @example
 * linkifyBareUrls('<p>See https://x.test/?c={{company}}.</p>')
 * // '<p>See <a href="https://x.test/?c={{company}}">https://x.test/?c={{company}}</a>.</p>'
 */
export function linkifyBareUrls(html: string): string {
  if (!/https?:\/\//i.test(html)) return html;
  let out = '';
  let from = 0;
  const open: string[] = []; // elements we are inside that must not get links
  for (const match of html.matchAll(TOKEN)) {
    out += open.length === 0 ? linkifyText(html.slice(from, match.index)) : html.slice(from, match.index);
    out += match[0];
    from = match.index + match[0].length;
    const name = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(match[0]);
    if (!name) continue;
    const tag = (name[2] ?? '').toLowerCase();
    if (!NOT_LINKED.has(tag) || match[0].endsWith('/>')) continue;
    if (name[1] === '') open.push(tag);
    else {
      const at = open.lastIndexOf(tag);
      if (at !== -1) open.splice(at);
    }
  }
  out += open.length === 0 ? linkifyText(html.slice(from)) : html.slice(from);
  return out;
}

function linkifyText(text: string): string {
  return text.replace(BARE_URL, (url) => {
    const trailing = TRAILING.exec(url)?.[0] ?? '';
    const link = url.slice(0, url.length - trailing.length);
    // `"` cannot occur in `link` (excluded above), so it is safe in a double-quoted attribute.
    return `<a href="${link}">${link}</a>${trailing}`;
  });
}
