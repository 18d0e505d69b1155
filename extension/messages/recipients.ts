import * as z from 'zod';
import { RECIPIENT_STATUSES, recipientFieldsSchema } from '../../shared/schemas/recipients';
import { resourceIdSchema } from './campaigns';

/** The server's default import limit (IMPORT_MAX_BYTES); a bigger file is refused before it is copied around. */
export const MAX_CSV_CHARS = 20 * 1024 * 1024;

export const recipientMessageSchemas = [
  z
    .object({
      type: z.literal('recipients/list'),
      campaignId: resourceIdSchema,
      cursor: z.string().regex(/^rcp_\d{1,15}$/).optional(),
      status: z.enum(RECIPIENT_STATUSES).optional(),
      limit: z.number().int().min(1).max(1000),
    })
    .strict(),
  z
    .object({
      type: z.literal('recipients/import'),
      campaignId: resourceIdSchema,
      /** The file's text; the background POSTs it as `text/csv`. */
      csv: z.string().min(1).max(MAX_CSV_CHARS),
      emailColumn: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('recipients/add'),
      campaignId: resourceIdSchema,
      email: z.string().trim().min(1).max(254),
      fields: recipientFieldsSchema,
    })
    .strict(),
] as const;
