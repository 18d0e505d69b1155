import * as z from 'zod';
import { GMAIL_MESSAGE_MAX_BYTES } from '../../shared/schemas/attachments';
import { UPLOAD_PIECE_BASE64_CHARS } from './upload-piece';
import { resourceIdSchema } from './campaigns';

const campaignId = resourceIdSchema;

export const attachmentMessageSchemas = [
  z.object({ type: z.literal('attachments/list'), campaignId }).strict(),
  /**
   * One piece of a file, in order, as base64 (runtime messages are JSON: upload-piece.ts).
   * The background keeps the pieces of `uploadId` until `last`, then POSTs the whole file as multipart/form-data (the only form the API takes). A file over Gmail's
   * 25 MB per message could never be sent, so it is refused here before any byte travels.
   */
  z
    .object({
      type: z.literal('attachments/upload'),
      campaignId,
      uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      // The server checks the name itself (controls, separators, 255 bytes); this only bounds the message.
      filename: z.string().min(1).max(1024),
      size: z.number().int().min(1).max(GMAIL_MESSAGE_MAX_BYTES),
      shared: z.boolean(),
      offset: z.number().int().min(0).max(GMAIL_MESSAGE_MAX_BYTES),
      piece: z.string().max(UPLOAD_PIECE_BASE64_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/),
      last: z.boolean(),
    })
    .strict(),
  z.object({ type: z.literal('attachments/remove'), campaignId, attachmentId: resourceIdSchema }).strict(),
] as const;
