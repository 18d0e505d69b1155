import type { AccountPatch } from '../../../shared/schemas/accounts';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { updateAccountSettings, type AccountRow } from './account-store';

/**
 * Applies a validated settings change. The one rule a field schema cannot check alone: the longest
 * gap may not be shorter than the shortest, counting the value already stored for the field not sent.
 */
export async function changeAccountSettings(deps: Pick<AppDeps, 'db' | 'clock'>, account: AccountRow, patch: AccountPatch) {
  const min = patch.minGapSeconds ?? account.minGapSeconds;
  const max = patch.maxGapSeconds ?? account.maxGapSeconds;
  if (max < min) {
    throw new ProblemError('validation-failed', {
      detail: 'The longest gap cannot be shorter than the shortest gap.',
      errors: [
        {
          field: patch.maxGapSeconds !== undefined ? 'maxGapSeconds' : 'minGapSeconds',
          message: `The longest gap must be at least the shortest gap (${min} s)`,
        },
      ],
    });
  }
  return updateAccountSettings(deps, account, patch);
}
