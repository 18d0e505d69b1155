import type { AccountPatch } from '../../../shared/schemas/accounts';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { dailyLimitProblem, GOOGLE_DAILY_LIMIT, typeMismatch } from '../limits/account-types';
import { DEFAULT_DAILY_LIMIT } from './account-defaults';
import { updateAccountSettings, type AccountRow } from './account-store';

const refuse = (detail: string, field: string, message: string) =>
  new ProblemError('validation-failed', { detail, errors: [{ field, message }] });

/**
 * Applies a validated settings change, with the rules a field schema cannot check alone (each
 * counting the value already stored for a field not sent):
 * - the longest gap may not be shorter than the shortest;
 * - the type must fit the address (a gmail.com address is consumer, a Workspace domain is not);
 * - the daily limit may not be above the type's Google limit (limits/account-types.ts).
 * - a warm-up's target may not be above the type's Google limit either; switching warm-up on starts
 *   its day 0 now (limits/warmup.ts), changing its figures keeps the day it is on.
 * A type change to a lower Google limit with no new daily limit in the same change lowers a stored
 * limit above it to the type's default (below Google's limit, as a new account gets): refusing
 * would make the user send two changes for one intent, and keeping it would plan sends Google
 * refuses.
 */
export async function changeAccountSettings(deps: Pick<AppDeps, 'db' | 'clock'>, account: AccountRow, patch: AccountPatch) {
  const min = patch.minGapSeconds ?? account.minGapSeconds;
  const max = patch.maxGapSeconds ?? account.maxGapSeconds;
  if (max < min) {
    throw refuse(
      'The longest gap cannot be shorter than the shortest gap.',
      patch.maxGapSeconds !== undefined ? 'maxGapSeconds' : 'minGapSeconds',
      `The longest gap must be at least the shortest gap (${min} s)`,
    );
  }
  const type = patch.type ?? account.type;
  const mismatch = patch.type === undefined ? null : typeMismatch(account.email, patch.type);
  if (mismatch) throw refuse(`${account.email} cannot be this type of account.`, 'type', mismatch);

  const { warmup, ...settings } = patch;
  const changes: AccountPatch & { warmupStartedAt?: Date | null } = { ...settings };
  if (warmup !== undefined) {
    const tooHigh = warmup === null ? null : dailyLimitProblem(type, warmup.targetPerDay);
    if (tooHigh) throw refuse(`The warm-up's target is above Google's limit for this account.`, 'warmup.targetPerDay', `${tooHigh}: use at most ${GOOGLE_DAILY_LIMIT[type]}`);
    changes.warmup = warmup;
    changes.warmupStartedAt = warmup === null ? null : (account.warmupStartedAt ?? deps.clock.now());
  } else if (account.warmup && dailyLimitProblem(type, account.warmup.targetPerDay)) {
    // A type change to a lower Google limit brings a stored target down with it, as it does the daily limit.
    changes.warmup = { ...account.warmup, targetPerDay: GOOGLE_DAILY_LIMIT[type], startPerDay: Math.min(account.warmup.startPerDay, GOOGLE_DAILY_LIMIT[type]) };
  }
  if (patch.dailyLimit !== undefined) {
    const tooHigh = dailyLimitProblem(type, patch.dailyLimit);
    if (tooHigh) throw refuse(`The daily limit is above Google's limit for this account.`, 'dailyLimit', `${tooHigh}: use at most ${GOOGLE_DAILY_LIMIT[type]}`);
  } else if (dailyLimitProblem(type, account.dailyLimit)) {
    changes.dailyLimit = DEFAULT_DAILY_LIMIT[type];
  }
  return updateAccountSettings(deps, account, changes);
}
