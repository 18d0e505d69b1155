import * as z from 'zod';
import { IMPORT_LIMITS } from '../../shared/recipients-csv/import-limits';
import { RECIPIENT_STATUSES, recipientFieldsSchema, recipientSearchSchema } from '../../shared/schemas/recipients';
import { resourceIdSchema } from './campaigns';
import { skipHygieneRequestSchema } from '../../shared/schemas/launch';

export const recipientMessageSchemas = [
  z
    .object({
      type: z.literal('recipients/list'),
      campaignId: resourceIdSchema,
      cursor: z.string().regex(/^rcp_\d{1,15}$/).optional(),
      status: z.enum(RECIPIENT_STATUSES).optional(),
      /** Text found in the address or any field's value (`GET …/recipients?q=`). */
      q: recipientSearchSchema.optional(),
      limit: z.number().int().min(1).max(1000),
      /** A jump: the page starting at this position of the list (the server's `?offset=`); not with `cursor`. */
      offset: z.number().int().min(0).max(10_000_000).optional(),
    })
    .strict(),
  /** The campaign's recipients as the server's CSV export (`GET …/recipients.csv`), for the panel to save as a file. */
  z.object({ type: z.literal('recipients/export-csv'), campaignId: resourceIdSchema }).strict(),
  z
    .object({
      type: z.literal('recipients/import'),
      campaignId: resourceIdSchema,
      /**
       * The file's text; the background POSTs it as `text/csv`. The limit is in bytes (UTF-8); a string
       * has at most as many UTF-16 units as UTF-8 bytes, so one over `maxBytes` units is over in bytes too.
       */
      csv: z.string().min(1).max(IMPORT_LIMITS.maxBytes),
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
  /** "Skip these" in the preflight: removes the waiting recipients list hygiene sorted under `kinds`. */
  z.object({ type: z.literal('recipients/skip-hygiene'), campaignId: resourceIdSchema, kinds: skipHygieneRequestSchema.shape.kinds }).strict(),
] as const;
