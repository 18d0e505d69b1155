import type { Context } from 'hono';
import type { SignupBody, User } from '../../../shared/schemas/auth';
import { ANONYMOUS, DASHBOARD, recordAudit, type AuditActor } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { revokeAllApiTokens } from '../tokens/api-tokens';
import { truncateIpAddress } from '../tracking/truncate-ip';
import { reserveAttempt, secondsBlockedBy, settleAttempt } from './attempt-throttle';
import { isAccountKey, LOGIN_POLICY, loginThrottleKeys } from './login-throttle';
import { decoyPasswordHash, verifyPassword } from './password';
import type { PasswordChangeRequest } from './password-rule';
import { setSessionCookie } from './session-cookie';
import { endOtherSessions, startSession } from './sessions';
import { checkStepUpPassword } from './step-up';
import { tooManyAttempts } from './too-many-attempts';
import { createUser, findUserById, findUserByEmail, setPassword, toUser } from './users';

/**
 * Sign-up, sign-in and password change, shared by the JSON API and the dashboard's forms so both
 * follow the same rules (throttling, revocation, cookie flags). Inputs come validated by
 * `signupRequestSchema` / `passwordChangeRequestSchema` (password-rule.ts).
 */

export async function signUp(deps: AppDeps, c: Context, input: SignupBody): Promise<User> {
  const row = await createUser(deps, input.email, input.password);
  await beginSession(deps, c, row.id);
  return toUser(row);
}

export async function logIn(deps: AppDeps, c: Context, input: { email: string; password: string }): Promise<User> {
  const email = input.email.toLowerCase();
  // Reserved before the (slow) password check, so parallel guesses are counted, not raced.
  const attempt = await reserveAttempt(deps, loginThrottleKeys({ email, address: deps.clientAddress(c) }), LOGIN_POLICY);
  // Refused before the password check: not audited. The failures that started the block each
  // were (below); logging every refused request too would let anyone fill a user's log at will.
  if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfterSeconds, TOO_MANY_SIGN_INS);

  const row = await findUserByEmail(deps, email);
  // Verify against a decoy when the email is unknown: the same work, so timing does not tell.
  const valid = (await verifyPassword(input.password, row?.passwordHash ?? (await decoyPasswordHash()))) && row !== undefined;
  await settleAttempt(deps, attempt.reservation, valid ? 'succeeded' : 'failed', isAccountKey);
  // A failure is logged on the account it tried (an unknown address has no log to write to), with
  // where it came from: the one fact that tells the owner whether it was them.
  if (row && !valid) {
    const address = deps.clientAddress(c) ?? null;
    const ipAddress = address !== null && row.truncateIpAddresses ? truncateIpAddress(address) : address;
    await recordAudit(deps, { userId: row.id, actor: ANONYMOUS, action: 'auth.sign_in_failed', ipAddress });
  }
  if (!row || !valid) {
    const blocked = secondsBlockedBy(attempt.reservation);
    if (blocked > 0) throw tooManyAttempts(blocked, TOO_MANY_SIGN_INS);
    throw new ProblemError('invalid-credentials', { detail: 'Check the email and password and try again.' });
  }
  await beginSession(deps, c, row.id);
  // Every sign-in starts a browser session (the JSON route's too): the dashboard is its actor.
  await recordAudit(deps, { userId: row.id, actor: DASHBOARD, action: 'auth.sign_in' });
  return toUser(row);
}

/**
 * Changes the password and signs out every other session (the asking one stays signed in); unless
 * `revokeTokens` is false, every API token is revoked too, the extension's included. `actor` is who
 * asked, for the audit log: the dashboard's profile form unless the JSON route says otherwise.
 */
export async function changePassword(
  deps: AppDeps,
  userId: string,
  keepSessionId: string | null,
  input: PasswordChangeRequest,
  actor: AuditActor = DASHBOARD,
): Promise<{ tokensRevoked: number }> {
  const row = await findUserById(deps, userId);
  if (!row || !(await checkStepUpPassword(deps, row, input.currentPassword, 'currentPassword'))) {
    throw new ProblemError('validation-failed', {
      detail: 'The current password is wrong.',
      errors: [{ field: 'currentPassword', message: 'The current password is wrong' }],
    });
  }
  await setPassword(deps, userId, input.newPassword);
  await endOtherSessions(deps, userId, keepSessionId);
  const tokensRevoked = input.revokeTokens ? await revokeAllApiTokens(deps, userId) : 0;
  await recordAudit(deps, { userId, actor, action: 'auth.password_changed', detail: { tokensRevoked } });
  return { tokensRevoked };
}

async function beginSession(deps: AppDeps, c: Context, userId: string): Promise<void> {
  const session = await startSession(deps, userId, c.req.header('user-agent'));
  setSessionCookie(c, deps.config, session.token, session.expiresAt);
}

const TOO_MANY_SIGN_INS = 'Too many failed sign-ins.';
