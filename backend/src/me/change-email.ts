import type { User } from '../../../shared/schemas/auth';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import { checkStepUpPassword } from '../auth/step-up';
import { findUserById, setEmail, toUser } from '../auth/users';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';

/**
 * Corrects the signed-in user's own email address (GDPR art. 16, "Access or correct account
 * information" in the privacy policy). The sign-in identity changes, so the password is asked again
 * (a step-up check, throttled like sign-ins): a stolen session or API token alone cannot take the
 * account over by moving it to another address. The audit entry says that it changed, never to what.
 *
 * `passwordField` names the password in the caller's form ('password' in the API), for the error.
 *
 * @example const user = await changeOwnEmail(deps, userId, { email: 'new@example.com', password }, actorOf(c));
 */
export async function changeOwnEmail(
  deps: AppDeps,
  userId: string,
  input: { email: string; password: string },
  actor: AuditActor,
  passwordField = 'password',
): Promise<User> {
  const row = await findUserById(deps, userId);
  if (!row || !(await checkStepUpPassword(deps, row, input.password, passwordField))) {
    throw new ProblemError('validation-failed', {
      detail: 'The password is wrong; your email address was not changed.',
      errors: [{ field: passwordField, message: 'The password is wrong' }],
    });
  }
  if (row.email === input.email) return toUser(row);
  await setEmail(deps, userId, input.email);
  await recordAudit(deps, { userId, actor, action: 'auth.email_changed' });
  return toUser({ ...row, email: input.email });
}
