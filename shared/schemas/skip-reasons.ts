/**
 * Why a message was not sent, in the words the user sees: the `statusReason` of a skipped message
 * (campaign progress, `lastErrors`) and of its recipient. The engine writes them, the tracking
 * endpoints write the unsubscribe one, tests compare against them: one list, so no copy drifts.
 */
export const SKIP_REASONS = {
  /** Any reply ends the sequence: a follow-up to someone who answered reads as not listening. */
  replied: 'The recipient replied',
  unsubscribed: 'The recipient unsubscribed',
  /** A bounce found in the thread or the mailbox when it came in (sending/replies/). */
  bounced: 'An earlier message bounced',
  /** Found at send time: the recipient was already marked bounced. */
  addressBounced: 'An earlier message to this address bounced',
  /** Deleted from the campaign after the message was queued. */
  removed: 'The recipient was removed',
  /** A follow-up's own condition (`no_open`, `no_click`): that step only is skipped. */
  opened: 'The recipient opened an earlier message',
  clicked: 'The recipient clicked a link',
} as const;

export type SkipReason = (typeof SKIP_REASONS)[keyof typeof SKIP_REASONS];

/**
 * The reason for an address on the user's suppression list, with the list's own reason
 * (`unsubscribed`, `bounced`, `manual`…).
 *
 * @example suppressedReason('manual') // 'The address is on your suppression list (manual)'
 */
export function suppressedReason(because: string): string {
  return `The address is on your suppression list (${because})`;
}

/**
 * A recipient's state after a bounce or an out-of-office reply (sending/replies/), with the
 * diagnostic in words (sending/replies/bounce-category.ts). Dates are calendar days, YYYY-MM-DD (UTC).
 *
 * @example hardBounceReason('The address does not exist (550 5.1.1)') // 'Hard bounce: The address does not exist (550 5.1.1)'
 */
export function hardBounceReason(diagnostic: string): string {
  return `Hard bounce: ${diagnostic}`;
}

/** Three soft bounces in a row: the address is treated as gone (sending/follow-up-gate.ts). */
export function softBouncesAsHardReason(inARow: number, diagnostic: string): string {
  return `Hard bounce: ${inARow} soft bounces in a row (last: ${diagnostic})`;
}

export function softBounceReason(diagnostic: string, inARow: number, hardAt: number, resumeAt: Date): string {
  return `Soft bounce ${inARow} of ${hardAt} in a row: ${diagnostic}. Follow-ups wait until ${calendarDay(resumeAt)} at the earliest`;
}

export function outOfOfficeReason(returnsOn: Date | null, resumeAt: Date): string {
  return returnsOn
    ? `Out of office, back ${calendarDay(returnsOn)}: the next follow-up waits until ${calendarDay(resumeAt)}`
    : `Out of office (no return date given): the next follow-up waits until ${calendarDay(resumeAt)}`;
}

/**
 * A per-recipient file (the campaign's attachment field) that is not among the campaign's files:
 * the preflight blocks the launch, so only a change made after it reaches the engine.
 *
 * @example missingFileReason('Invoice', 'inv-0042.pdf') // 'The file named in Invoice (inv-0042.pdf) is not among the campaign's files'
 */
export function missingFileReason(field: string, filename: string): string {
  return `The file named in ${field} (${filename}) is not among the campaign's files`;
}

function calendarDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
