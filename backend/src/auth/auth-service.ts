import type { Context } from 'hono';
import type { User } from '../../../shared/schemas/auth';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { clearFailures, recordFailure, secondsUntilAllowed, type ThrottleKeys } from './login-throttle';
import { decoyPasswordHash, verifyPassword } from './password';
import { setSessionCookie } from './session-cookie';
import { endOtherSessions, startSession } from './sessions';
import { createUser, findUserById, findUserByEmail, setPassword, toUser } from './users';

/**
 * Sign-up, sign-in and password change, shared by the JSON API and the dashboard's forms so both
 * follow the same rules (throttling, revocation, cookie flags).
 */

export async function signUp(deps: AppDeps, c: Context, input: { email: string; password: string }): Promise<User> {
  const row = await createUser(deps, input.email, input.password);
  await beginSession(deps, c, row.id);
  return toUser(row);
}

export async function logIn(deps: AppDeps, c: Context, input: { email: string; password: string }): Promise<User> {
  const keys: ThrottleKeys = { email: input.email.toLowerCase(), address: deps.clientAddress(c) };
  const wait = await secondsUntilAllowed(deps, keys);
  if (wait > 0) throw tooManyAttempts(wait);

  const row = await findUserByEmail(deps, keys.email);
  // Verify against a decoy when the email is unknown: the same work, so timing does not tell.
  const valid = await verifyPassword(input.password, row?.passwordHash ?? (await decoyPasswordHash()));
  if (!row || !valid) {
    await recordFailure(deps, keys);
    const waitNow = await secondsUntilAllowed(deps, keys);
    if (waitNow > 0) throw tooManyAttempts(waitNow);
    throw new ProblemError('invalid-credentials', { detail: 'Check the email and password and try again.' });
  }
  await clearFailures(deps, keys);
  await beginSession(deps, c, row.id);
  return toUser(row);
}

/** Changes the password and signs out every other session; the asking session stays signed in. */
export async function changePassword(
  deps: AppDeps,
  userId: string,
  keepSessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await findUserById(deps, userId);
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new ProblemError('validation-failed', {
      detail: 'The current password is wrong.',
      errors: [{ field: 'currentPassword', message: 'The current password is wrong' }],
    });
  }
  await setPassword(deps, userId, input.newPassword);
  await endOtherSessions(deps, userId, keepSessionId);
}

async function beginSession(deps: AppDeps, c: Context, userId: string): Promise<void> {
  const session = await startSession(deps, userId, c.req.header('user-agent'));
  setSessionCookie(c, deps.config, session.token, session.expiresAt);
}

function tooManyAttempts(seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  return new ProblemError('too-many-requests', {
    detail: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    headers: { 'retry-after': String(seconds) },
    extra: { retryAfterSeconds: seconds },
  });
}
