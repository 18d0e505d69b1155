import * as z from 'zod';
import { nameText } from './text';

/** Every API token starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'ick_';

export const createTokenBodySchema = z.object({
  name: nameText({ trim: true }).min(1, 'Give the token a name').max(100, 'Use at most 100 characters'),
});
export type CreateTokenBody = z.input<typeof createTokenBodySchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the secret, enough to tell tokens apart. */
  preview: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** Answered once, on creation: the only time the secret leaves the server. */
export const createdTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const tokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });
