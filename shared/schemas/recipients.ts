import * as z from 'zod';
import { fieldMapSchema } from './field-map';
import { addressText, bodyText, singleLineText } from './text';

export const RECIPIENT_STATUSES = ['pending', 'sent', 'replied', 'bounced', 'unsubscribed', 'failed', 'skipped'] as const;
export const recipientStatusSchema = z.enum(RECIPIENT_STATUSES);
export type RecipientStatus = z.infer<typeof recipientStatusSchema>;

/** Limits of a recipient's merge fields, the same for the JSON API and CSV imports (shared/recipients-csv). */
export const RECIPIENT_LIMITS = { fields: 100, fieldNameLength: 200, valueLength: 10_000 } as const;

/**
 * Merge fields: header (as written) → value, in a null-prototype object so that fields named
 * `__proto__` or `constructor` are ordinary fields (see field-map.ts). A name is one line, as a CSV
 * import's headers must be (shared/recipients-csv); a value may hold line breaks and tabs.
 */
export const recipientFieldsSchema = fieldMapSchema(singleLineText().max(RECIPIENT_LIMITS.fieldNameLength), bodyText().max(RECIPIENT_LIMITS.valueLength), {
  maxFields: { count: RECIPIENT_LIMITS.fields, message: `At most ${RECIPIENT_LIMITS.fields} fields per recipient` },
});

export const recipientInputSchema = z
  .object({
    email: addressText().min(1, 'Enter an email address').max(254),
    fields: recipientFieldsSchema.default(() => Object.create(null)),
  })
  .strict();

export const addRecipientsBodySchema = z.object({
  recipients: z.array(recipientInputSchema).min(1, 'Add at least one recipient').max(10_000, 'At most 10,000 per request; import a CSV for more'),
});

export const recipientPatchSchema = z
  .object({ email: addressText().min(1).max(254), fields: recipientFieldsSchema })
  .partial()
  .strict();

export const recipientSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** Parsed like the input: a null-prototype object, so `fields[name]` never reaches a prototype. */
  fields: fieldMapSchema(z.string(), z.string()),
  status: recipientStatusSchema,
  /** Why the recipient was skipped or failed, in words. */
  statusReason: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Recipient = z.infer<typeof recipientSchema>;

/** `GET …/recipients?q=`: text found in the address or any field's value; empty means no search. */
export const recipientSearchSchema = singleLineText({ trim: true }).max(200, 'Search for at most 200 characters');

/**
 * `GET …/recipients?cursor=|offset=`: a page, the cursor of the next one, and `total`, the recipients
 * matching in the whole list, given when the page was asked without a cursor (null on cursor pages).
 */
export const recipientPageSchema = z.object({
  recipients: z.array(recipientSchema),
  nextCursor: z.string().nullable(),
  // Defaults to null: a server from before jumps (no count) still reads as a list of unknown length.
  total: z.number().int().nonnegative().nullable().default(null),
});
export type RecipientPage = z.infer<typeof recipientPageSchema>;

/** What an import or a JSON add answers: every skipped row is accounted for. */
export const importResultSchema = z.object({
  imported: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.array(z.object({ row: z.number().int(), value: z.string(), reason: z.string() })),
  suppressed: z.number().int(),
  fields: z.array(z.string()),
});
export type ImportResult = z.infer<typeof importResultSchema>;
