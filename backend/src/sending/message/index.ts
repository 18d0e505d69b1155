/**
 * Campaign messages: MIME, link rewriting for click tracking, signature and unsubscribe footers.
 *
 * @example
 * const { raw, messageId, links } = await buildMessage(input);
 */
export { buildMessage } from './build-message';
export type { BuiltMessage, MessageInput } from './build-message';
export { followUpSubject } from './follow-up-subject';
export { findLinks, findLinksAsWritten, insertAtBodyEnd, rewriteLinks, rewriteLinksAsync } from './html-links';
export type { RewrittenLinks } from './html-links';
export { sendCampaignMessage } from './campaign-message';
export type { CampaignMessageResult } from './campaign-message';
export { sendRaw, UPLOAD_THRESHOLD_BYTES } from './send-raw';
export type { MessageAttachment } from './mime-attachments';
