/**
 * What an incoming message in one of our threads is: a person's reply, an automatic reply (out of
 * office, vacation responder), or a bounce (a delivery status notification). Decided from headers
 * only: `format: 'metadata'` is enough and keeps a person's reply off the server. A bounce's
 * category and an automatic reply's return date need one part of the body: incoming-details.ts.
 */
export type IncomingKind = 'reply' | 'auto_reply' | 'bounce' | 'ignore';

export type IncomingHeaders = Record<string, string>;

/** Headers to ask Gmail for (`metadataHeaders`). */
export const INCOMING_HEADERS = [
  'From',
  'Subject',
  'Auto-Submitted',
  'X-Autoreply',
  'X-Autorespond',
  'Precedence',
  'Content-Type',
  'X-Failed-Recipients',
  'In-Reply-To',
  'References',
  'Message-ID',
];

export function classifyIncoming(headers: IncomingHeaders, sender: string): IncomingKind {
  const from = addressOf(headers.from ?? '');
  if (from === sender.toLowerCase()) return 'ignore'; // our own message (a copy to ourselves)
  const contentType = (headers['content-type'] ?? '').toLowerCase();
  // RFC 3464 delivery status notifications, and the mailer-daemon/postmaster senders that send them.
  if (contentType.includes('multipart/report') && contentType.includes('delivery-status')) return 'bounce';
  if (/^(mailer-daemon|postmaster)@/.test(from) || headers['x-failed-recipients']) return 'bounce';
  // RFC 3834: Auto-Submitted other than "no" is machine-generated; the X- headers are de facto (Exchange, others).
  const autoSubmitted = (headers['auto-submitted'] ?? 'no').toLowerCase().trim();
  if (autoSubmitted !== 'no') return 'auto_reply';
  if (headers['x-autoreply'] || headers['x-autorespond']) return 'auto_reply';
  if (/^(auto_reply|bulk|junk)$/i.test((headers.precedence ?? '').trim())) return 'auto_reply';
  if (/^(automatic reply|auto(-| )?reply|out of (the )?office|abwesenheitsnotiz|réponse automatique)\b/i.test((headers.subject ?? '').trim())) {
    return 'auto_reply';
  }
  return 'reply';
}

/** The bare address of a From header: `"Ada" <Ada@Example.com>` → `ada@example.com`. */
export function addressOf(header: string): string {
  const angle = /<([^>]+)>/.exec(header);
  return (angle ? angle[1]! : header).trim().toLowerCase();
}

export function headerMap(headers: { name?: string | null; value?: string | null }[] | undefined): IncomingHeaders {
  const map: IncomingHeaders = {};
  for (const header of headers ?? []) {
    if (header.name && header.value !== undefined && header.value !== null) map[header.name.toLowerCase()] = header.value;
  }
  return map;
}
