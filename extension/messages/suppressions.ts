import * as z from 'zod';
import { suppressionListQuerySchema } from '../../shared/schemas/suppressions';

/** `suppressions/*`: the user's suppression list (`/api/suppressions`). */
export const suppressionMessageSchemas = [
  z.object({ type: z.literal('suppressions/list'), q: suppressionListQuerySchema.shape.q }).strict(),
  z.object({ type: z.literal('suppressions/add'), email: z.string().trim().min(1).max(254) }).strict(),
  z.object({ type: z.literal('suppressions/remove'), email: z.string().min(1).max(254) }).strict(),
] as const;
