import * as z from 'zod';
import {
  MIN_PASSWORD_LENGTH,
  newPasswordSchema,
  passwordChangeBodySchema,
  signupBodySchema,
} from '../../../shared/schemas/auth';
import { isWellFormedText } from '../../../shared/lib/unicode-text';
import { LONG_COMMON_PASSWORDS } from './common-passwords/list';

/**
 * The rule for a new password (sign-up and password change, through the API and the dashboard's
 * forms alike), after NIST SP 800-63B §3.1.1.2: a minimum length, no composition rules, and a
 * check against passwords known to be common.
 *
 * - At least 10 characters that are not whitespace, control or invisible format characters: ten
 *   spaces, or a short password padded with tabs or NULs, is still a short password (issue 12).
 * - Not one of the 49,233 most common passwords of public breaches (common-passwords/SOURCE.md),
 *   compared lower-cased and without those characters, as attackers try them first.
 * - Well-formed Unicode: a lone UTF-16 surrogate becomes U+FFFD before hashing, so two different
 *   "passwords" would open the same account.
 *
 * @example newPasswordProblem('          ') // 'Spaces and invisible characters do not count: …'
 */
export function newPasswordProblem(password: string): string | null {
  if (!isWellFormedText(password)) return 'The password contains a broken character (a lone UTF-16 surrogate)';
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  const visible = password.normalize('NFKC').replace(NOT_COUNTED, '');
  if ([...visible].length < MIN_PASSWORD_LENGTH) {
    return `Spaces and invisible characters do not count: use at least ${MIN_PASSWORD_LENGTH} other characters`;
  }
  if (commonPasswords().has(visible.toLowerCase())) {
    return 'This is one of the most common passwords, the first ones attackers try. Choose another';
  }
  return null;
}

/** Whitespace (Unicode White_Space), control (Cc) and format (Cf: zero-width, bidi) characters. */
const NOT_COUNTED = /[\s\p{Cc}\p{Cf}]/gu;

let common: Set<string> | undefined;
/**
 * The list's entries long enough to pass the length rule (the shorter ones never get this far),
 * built on first use rather than at start-up: a Worker's cold start should not pay for sign-ups.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(LONG_COMMON_PASSWORDS.split('\n'));
  return common;
}

/** shared's new-password schema plus this rule; its reason is the field's message. */
export const allowedNewPasswordSchema = newPasswordSchema.superRefine((password, context) => {
  // Shorter than the minimum: the length check already says so, once is enough.
  if (password.length < MIN_PASSWORD_LENGTH) return;
  const problem = newPasswordProblem(password);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** `POST /api/auth/signup` and the sign-up form, with the password rule. */
export const signupRequestSchema = signupBodySchema.extend({ password: allowedNewPasswordSchema });

/** `POST /api/auth/password` and the account page's form, with the password rule. */
export const passwordChangeRequestSchema = passwordChangeBodySchema.extend({ newPassword: allowedNewPasswordSchema });
export type PasswordChangeRequest = z.output<typeof passwordChangeRequestSchema>;
