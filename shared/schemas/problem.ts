import * as z from 'zod';

/**
 * RFC 9457 problem details, as every API error is answered.
 * `type` is a stable path under `/problems/` that scripts can switch on;
 * `errors` lists the offending fields of a validation failure.
 */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * 413 `payload-too-large` (issue 14): the limit and, when the client declared it (Content-Length),
 * the body's size, in bytes, as RFC 9457 extension members, for a client to word in its own units.
 */
export const tooLargeProblemSchema = problemSchema.extend({
  limitBytes: z.number().int().positive(),
  sizeBytes: z.number().int().positive().optional(),
});
