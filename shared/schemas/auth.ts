import * as z from 'zod';

export const MIN_PASSWORD_LENGTH = 10;
/** scrypt work grows with input length; cap it so a huge "password" cannot tie up the server. */
export const MAX_PASSWORD_LENGTH = 256;

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'An email address has at most 254 characters')
  .email('Enter a valid email address')
  .transform((value) => value.toLowerCase());

/**
 * The length bounds of a new password. The server adds the rest of its rule (characters that
 * count, common passwords): backend/src/auth/password-rule.ts.
 */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`);

export const signupBodySchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignupBody = z.input<typeof signupBodySchema>;

export const loginBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(MAX_PASSWORD_LENGTH),
});
export type LoginBody = z.input<typeof loginBodySchema>;

export const passwordChangeBodySchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(MAX_PASSWORD_LENGTH),
  newPassword: newPasswordSchema,
  /**
   * Also revoke every API token (the extension's included). Other browser sessions end either way;
   * a token made with the old password should not outlive it unless the user says so.
   */
  revokeTokens: z.boolean().default(true),
});
export type PasswordChangeBody = z.input<typeof passwordChangeBodySchema>;

/** `PATCH /api/me`: correct one's own email address (GDPR art. 16), confirmed with the password. */
export const emailChangeBodySchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1, 'Enter your password to confirm').max(MAX_PASSWORD_LENGTH),
  })
  .strict();
export type EmailChangeBody = z.input<typeof emailChangeBodySchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** `GET /api/me`: who is signed in, and how (a browser session or an API token). */
export const meResponseSchema = z.object({
  user: userSchema,
  auth: z.enum(['session', 'token']),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
