import * as z from 'zod';

export const healthSchema = z.object({
  ok: z.boolean(),
  version: z.string(),
  db: z.enum(['ok', 'error']),
});
export type Health = z.infer<typeof healthSchema>;
