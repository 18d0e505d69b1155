/**
 * What every campaign message gets at the end of its bodies: the account's signature, a visible
 * unsubscribe line, the sender's postal address (CAN-SPAM, 15 U.S.C. 7704(a)(5)(A)(iii): a valid
 * physical postal address in every commercial message), and (HTML only) the open pixel.
 */

import { escapeHtml } from '../../../../shared/merge';
import { htmlToPlainText } from '../../campaigns/plain-text';

const UNSUBSCRIBE_PROMPT = "Don't want these emails?";

/**
 * The HTML appended inside the body. Gmail's own class on the signature lets Gmail show it as a
 * signature. The pixel is `display:none` and 1×1 so it never shows, even when images are blocked
 * and alt text would be drawn.
 */
export function htmlFooter(parts: {
  signatureHtml: string;
  unsubscribeUrl: string | null;
  postalAddress?: string | null | undefined;
  openPixelUrl: string | null;
}): string {
  let footer = '';
  if (parts.signatureHtml.trim() !== '') {
    footer += `<br><div class="gmail_signature">${parts.signatureHtml}</div>`;
  }
  // The address is the user's own text: escaped line by line, never HTML.
  const lines: string[] = [];
  if (parts.unsubscribeUrl !== null) {
    lines.push(`${UNSUBSCRIBE_PROMPT} <a href="${escapeHtml(parts.unsubscribeUrl)}" style="color:#777">Unsubscribe</a>`);
  }
  lines.push(...addressLines(parts.postalAddress).map(escapeHtml));
  if (lines.length > 0) footer += `<p style="margin:24px 0 0;font-size:12px;color:#777">${lines.join('<br>')}</p>`;
  if (parts.openPixelUrl !== null) {
    footer +=
      `<img src="${escapeHtml(parts.openPixelUrl)}" width="1" height="1" alt="" ` +
      `style="display:none;width:1px;height:1px;border:0;margin:0;padding:0;overflow:hidden">`;
  }
  return footer;
}

/** The text appended to the text/plain body, signature after the RFC 3676 §4.3 "-- " line. */
export function textFooter(parts: { signatureHtml: string; unsubscribeUrl: string | null; postalAddress?: string | null | undefined }): string {
  let footer = '';
  const signature = signatureText(parts.signatureHtml);
  if (signature !== '') footer += `\n\n-- \n${signature}`;
  const lines: string[] = [];
  if (parts.unsubscribeUrl !== null) lines.push(`${UNSUBSCRIBE_PROMPT} Unsubscribe: ${parts.unsubscribeUrl}`);
  lines.push(...addressLines(parts.postalAddress));
  if (lines.length > 0) footer += `\n\n${lines.join('\n')}`;
  return footer;
}

/** The postal address as printed lines: blank lines and edge spaces dropped; none when unset. */
function addressLines(postalAddress: string | null | undefined): string[] {
  if (postalAddress === null || postalAddress === undefined) return [];
  return postalAddress
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

// One account sends many messages in a row with the same signature: converting it once per run
// of identical signatures keeps html-to-text (~0.1–1 ms) off the per-message path.
let lastSignature: { html: string; text: string } | null = null;

function signatureText(html: string): string {
  if (html.trim() === '') return '';
  if (lastSignature?.html !== html) lastSignature = { html, text: htmlToPlainText(html).trim() };
  return lastSignature.text;
}
