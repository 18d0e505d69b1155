import * as z from 'zod';
import { resourceIdSchema } from './campaigns';

/**
 * Messages from the Gmail content script (issue 7, the compose-window button). They are the only
 * ones a web page's context may send, so they carry a draft and a campaign id, nothing else: no
 * URL, no token, no free-form request for the background to make.
 */

/** What the button reads from a compose window. Bounded like the campaign API bounds them. */
export const composeDraftSchema = z
  .object({
    subject: z
      .string()
      .max(998, 'A subject has at most 998 characters')
      .refine((subject) => !/[\r\n]/.test(subject), 'A subject is a single line'),
    html: z.string().max(500_000, 'The body is over 500,000 characters'),
  })
  .strict();
export type ComposeDraft = z.infer<typeof composeDraftSchema>;

export const composeTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new') }).strict(),
  z.object({ kind: z.literal('existing'), campaignId: resourceIdSchema }).strict(),
]);
export type ComposeTarget = z.infer<typeof composeTargetSchema>;

export const composeMessageSchemas = [
  /** The draft campaigns a compose window may be exported into, for the button's menu. */
  z.object({ type: z.literal('compose/campaigns') }).strict(),
  /** Turns the draft into a new campaign or the body of an existing one, and opens the side panel on it. */
  z.object({ type: z.literal('compose/export'), draft: composeDraftSchema, target: composeTargetSchema }).strict(),
] as const;

/** Only what the menu shows: a page's context learns names and ids, never a campaign's content. */
export const composeCampaignChoiceSchema = z.object({ id: z.string(), name: z.string() }).strict();
export type ComposeCampaignChoice = z.infer<typeof composeCampaignChoiceSchema>;

export const composeCampaignsSchema = z.object({ campaigns: z.array(composeCampaignChoiceSchema) }).strict();

/**
 * `panel`: `opened` when Chrome opened the side panel on the click, `closed` when it could not
 * (the user then clicks the iConnect icon; the panel goes to the campaign when it opens).
 */
export const composeExportResultSchema = z
  .object({
    campaign: composeCampaignChoiceSchema,
    created: z.boolean(),
    panel: z.enum(['opened', 'closed']),
  })
  .strict();
export type ComposeExportResult = z.infer<typeof composeExportResultSchema>;
