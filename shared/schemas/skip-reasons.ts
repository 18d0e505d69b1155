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
