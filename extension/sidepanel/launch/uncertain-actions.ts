import type { UncertainOutcome } from '../../../shared/schemas/uncertain-messages';
import { formatCount, formatPlural } from '../format';

/**
 * The words of the three answers to a message that may have gone out (its reason asks the user to
 * check the Sent folder, then resend or skip: backend/src/sending/deliver-job.ts), in the order shown.
 */
export const UNCERTAIN_ACTIONS: readonly { outcome: UncertainOutcome; label: string; busyLabel: string }[] = [
  { outcome: 'was-sent', label: 'I found it in Sent', busyLabel: 'Marking as sent…' },
  { outcome: 'send-again', label: 'Send it again', busyLabel: 'Queueing…' },
  { outcome: 'skip', label: 'Skip', busyLabel: 'Skipping…' },
];

/** Asked before "Send it again": the user may have missed it in Sent, and then it goes twice. */
export const SEND_AGAIN_CONFIRM = 'Send it again? If it is in Sent after all, this person gets it twice.';

/**
 * The list's heading, and a note when it shows only the first of them.
 *
 * @example uncertainHeading(3, 3) // { title: '3 messages may have gone out', more: null }
 */
export function uncertainHeading(total: number, listed: number, options: { locale?: string } = {}) {
  const title = `${formatPlural(total, { one: 'message', other: 'messages' }, options)} may have gone out`;
  const more = total > listed ? `Showing the first ${formatCount(listed, options)}; the others appear here as you settle these.` : null;
  return { title, more };
}
