import type { AppDeps } from '../deps';
import { reserveAttempt, secondsBlockedBy, settleAttempt, type ThrottlePolicy } from './attempt-throttle';
import { verifyPassword } from './password';
import { tooManyAttempts } from './too-many-attempts';

/**
 * Step-up checks: a signed-in user types their password again before something that cannot be
 * undone (changing the password, deleting the account). A stolen session or API token must not
 * make them a free password oracle, so wrong passwords are throttled per user like sign-ins:
 * five within 15 minutes block the check for 15 minutes (issue 12).
 */
const STEP_UP_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
const STEP_UP_LIMIT = 5;

/**
 * true when `password` is the user's, false when it is wrong; throws 429 (with the reason beside
 * `field`) while the check is blocked, and for the wrong password that blocks it.
 *
 * @example if (!(await checkStepUpPassword(deps, user, body.password, 'password'))) throw wrongPassword();
 */
export async function checkStepUpPassword(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  user: { id: string; passwordHash: string },
  password: string,
  field: string,
): Promise<boolean> {
  const attempt = await reserveAttempt(deps, [{ key: `step-up:${user.id}`, limit: STEP_UP_LIMIT }], STEP_UP_POLICY);
  if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfterSeconds, TOO_MANY, field);
  const valid = await verifyPassword(password, user.passwordHash);
  // The right password clears the count: it is the user, not someone guessing.
  await settleAttempt(deps, attempt.reservation, valid ? 'succeeded' : 'failed', () => true);
  if (!valid && secondsBlockedBy(attempt.reservation) > 0) {
    throw tooManyAttempts(secondsBlockedBy(attempt.reservation), TOO_MANY, field);
  }
  return valid;
}

const TOO_MANY = 'Too many wrong passwords.';
