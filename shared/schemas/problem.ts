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
