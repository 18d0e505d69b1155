import { convert } from 'html-to-text';

/**
 * The text/plain alternative of an HTML body, for when the user did not write one. html-to-text is
 * well kept, runs in Workers (pure JavaScript), keeps merge tags as they are, and writes links as
 * "label [url]" so they survive in plain-text mail clients.
 */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
}
