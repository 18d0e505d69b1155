/**
 * Whether a bounce is hard (the address will never take mail: stop and suppress) or soft (a full
 * mailbox, greylisting, a deferral: try later), from what a delivery status notification says.
 *
 * RFC 3464 puts `Status:` (an RFC 3463 enhanced code: class 5 permanent, 4 transient), `Action:`
 * (`failed`, `delayed`) and `Diagnostic-Code:` (the remote server's SMTP answer, e.g.
 * `smtp; 452 4.2.2 mailbox full`) in the message/delivery-status part. Notices without that part
 * (older servers, some providers' human-readable notices) are read for an SMTP code in their text.
 *
 * A notice with no code at all counts as hard: such notices come almost only from servers that gave
 * up on the address (a delay notice says "delayed" and carries a 4.x.x status), it is what iConnect
 * always did, and a wrong "soft" would keep mailing a dead address and hurt the sender's reputation.
 */
export type BounceCategory = {
  category: 'hard' | 'soft';
  /** The RFC 3463 code (`5.1.1`) or the SMTP reply code (`550`) it was read from; null: none found. */
  code: string | null;
  /** What went wrong, in words, for the recipient's state. */
  diagnostic: string;
};

/** The fields of an RFC 3464 per-recipient block (the first one: we send to one recipient per message). */
export type DeliveryStatus = { status?: string; action?: string; diagnosticCode?: string };

/** Reads `Status`, `Action` and `Diagnostic-Code` from a message/delivery-status part's text. */
export function readDeliveryStatus(text: string): DeliveryStatus {
  // Continuation lines (RFC 5322 folding) join the field they continue.
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(unfolded)?.[1]?.trim();
  const result: DeliveryStatus = {};
  const status = field('Status');
  const action = field('Action');
  const diagnosticCode = field('Diagnostic-Code');
  if (status) result.status = status;
  if (action) result.action = action.toLowerCase();
  if (diagnosticCode) result.diagnosticCode = diagnosticCode;
  return result;
}

const ENHANCED_CODE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const SMTP_REPLY = /\b([45])\d\d\b(?=[ -]|$)/;

/**
 * @example bounceCategory({ diagnosticCode: 'smtp; 452 4.2.2 mailbox full' }) // { category: 'soft', code: '4.2.2', diagnostic: 'The mailbox is full (452 4.2.2)' }
 */
export function bounceCategory(report: DeliveryStatus, noticeText = ''): BounceCategory {
  const diagnostic = (report.diagnosticCode ?? '').replace(/^(smtp|x-[a-z-]+);\s*/i, '').trim();
  const fromStatus = ENHANCED_CODE.exec(report.status ?? '');
  const fromDiagnostic = ENHANCED_CODE.exec(diagnostic);
  const fromText = ENHANCED_CODE.exec(noticeText);
  const enhanced = fromStatus ?? fromDiagnostic ?? fromText;
  const reply = SMTP_REPLY.exec(diagnostic) ?? (enhanced ? null : SMTP_REPLY.exec(noticeText));
  const serverSaid = oneLine(diagnostic || (fromText ? lineAround(noticeText, fromText.index) : ''));

  let category: 'hard' | 'soft';
  if (enhanced && enhanced[1] !== '2') category = enhanced[1] === '4' ? 'soft' : 'hard';
  else if (reply) category = reply[1] === '4' ? 'soft' : 'hard';
  // "delayed": the server still tries (RFC 3464 2.3.3); nothing lost yet.
  else if (report.action === 'delayed') category = 'soft';
  else category = 'hard';

  const code = enhanced ? enhanced[0] : reply ? reply[0] : null;
  const shown = [reply?.[0], enhanced?.[0]].filter(Boolean).join(' ');
  const words = enhanced ? meaningOf(enhanced[2]!, enhanced[3]!, serverSaid) : reply ? meaningOfText(serverSaid) : null;
  const diagnosticWords =
    words ??
    (report.action === 'delayed'
      ? 'Delivery is delayed; the receiving server is still trying'
      : category === 'hard'
        ? 'The receiving server refused the address (no reason given)'
        : 'The receiving server deferred the message');
  return { category, code, diagnostic: shown ? `${diagnosticWords} (${shown})` : diagnosticWords };
}

/** RFC 3463 subject.detail codes people meet most, in words. */
function meaningOf(subject: string, detail: string, serverSaid: string): string {
  const known: Record<string, string> = {
    '1.1': 'The address does not exist',
    '1.2': 'The domain does not take mail',
    '1.10': 'The address does not take mail (null MX)',
    '2.1': 'The mailbox is disabled',
    '2.2': 'The mailbox is full',
    '2.3': 'The message is too large for the mailbox',
    '3.4': 'The message is too large for the receiving server',
    '4.1': 'The receiving server did not answer',
    '4.7': 'Delivery took too long and the receiving server gave up',
    '7.1': 'The receiving server refused the message by its policy',
    '7.26': 'The receiving server refused the message: sender authentication failed',
  };
  // Greylisting answers 4.7.1 / 451 with a "try again later" text.
  if (/grey ?list|gray ?list|try again later/i.test(serverSaid)) return 'The receiving server asked to try again later (greylisting)';
  const words = known[`${subject}.${detail}`];
  if (words) return words;
  const bySubject: Record<string, string> = {
    '1': 'The address is wrong',
    '2': 'The mailbox cannot take the message now',
    '3': 'The receiving mail system has a problem',
    '4': 'The receiving server could not be reached',
    '5': 'The receiving server refused the message',
    '6': 'The receiving server could not handle the message',
    '7': 'The receiving server refused the message by its policy',
  };
  return meaningOfText(serverSaid) ?? bySubject[subject] ?? 'The receiving server refused the message';
}

/** Words for a server answer with only an SMTP reply code. */
function meaningOfText(serverSaid: string): string | null {
  if (/mailbox (is )?full|over ?quota|quota exceeded|insufficient storage/i.test(serverSaid)) return 'The mailbox is full';
  if (/grey ?list|gray ?list|try again later/i.test(serverSaid)) return 'The receiving server asked to try again later (greylisting)';
  if (/(user|mailbox|address|recipient).{0,20}(unknown|not found|does ?n.t exist|no such)|no such user/i.test(serverSaid)) return 'The address does not exist';
  return serverSaid ? `The receiving server answered: ${serverSaid}` : null;
}

/** One line, at most 160 characters: a remote server's text is shown, never trusted for length. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end);
}
