import { removeHeader } from './raw-message';

/** What recipients receive: the sender's message without its Bcc header (RFC 5322 §3.6.3). */
export function deliverableCopy(binary: string): string {
  return removeHeader(binary, 'Bcc');
}
