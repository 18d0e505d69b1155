import * as z from 'zod';

/**
 * Files sent with a campaign's messages (issue 18). Uploaded as `multipart/form-data` (field
 * `file`, optional field `shared` = "true" | "false") to `POST /api/campaigns/:id/attachments`;
 * listed by `GET` on the same path; removed by `DELETE …/attachments/:attachmentId`.
 *
 * Gmail refuses a message over 25 MB, counted after encoding (base64 grows a file by 4/3 and its
 * line breaks), so the server refuses an upload that would make the largest message pass it and
 * says by how much (backend: attachments rule file).
 */

/** Gmail's ceiling for one message, after encoding (the whole RFC 5322 message). */
export const GMAIL_MESSAGE_MAX_BYTES = 25 * 1024 * 1024;

export const attachmentSchema = z.object({
  /** `att_…` */
  id: z.string(),
  /** As the user's file was named (NFC); sent as an RFC 2231 encoded filename. */
  filename: z.string(),
  contentType: z.string(),
  /** Bytes of the file itself (before encoding). */
  size: z.number().int().min(0),
  /** Hex SHA-256 of the bytes. */
  sha256: z.string(),
  /**
   * true: every recipient gets it. false: only recipients whose attachment field (the campaign's
   * `attachmentField`) names this file.
   */
  shared: z.boolean(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({
  attachments: z.array(attachmentSchema),
  /**
   * The largest message this campaign can make with its files, after encoding (shared files plus
   * the largest per-recipient file, plus the body), and Gmail's ceiling: what the panel shows
   * beside the list ("3.2 MB of 25 MB").
   */
  largestMessageBytes: z.number().int().min(0),
  maxMessageBytes: z.number().int().positive(),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;

/** The multipart form's text field, validated at the edge (the file part is checked by the route). */
export const attachmentUploadFieldsSchema = z
  .object({ shared: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') })
  .strict();

/** A file one recipient's message carries (preview, test send): the campaign's file, by name. */
export const recipientAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  size: z.number().int().min(0),
  /** false: this recipient gets it because their attachment field names it. */
  shared: z.boolean(),
});
export type RecipientAttachment = z.infer<typeof recipientAttachmentSchema>;

/**
 * The preflight's per-recipient files (backend/src/attachments/recipient-files.ts): recipients whose
 * attachment field names a file the campaign does not have. A blocker while `missing` > 0: sending
 * an invoice mail without its invoice cannot be taken back. null `perRecipientField`: none set.
 */
export const preflightAttachmentsSchema = z.object({
  perRecipientField: z.string().nullable(),
  /** The campaign's files: shared ones go to everyone. */
  files: z.number().int().min(0),
  missing: z.number().int().min(0),
  /** The first 100, with the file name their field holds. */
  missingRecipients: z.array(z.object({ id: z.string(), email: z.string(), filename: z.string() })),
  /** The largest message after encoding, and Gmail's ceiling. */
  largestMessageBytes: z.number().int().min(0),
  maxMessageBytes: z.number().int().positive(),
});
export type PreflightAttachments = z.infer<typeof preflightAttachmentsSchema>;
