import type { AccountType } from '../../../shared/schemas/accounts';

/**
 * Defaults for a newly connected mailbox, per account type. Google allows about 500 messages a day
 * from a consumer Gmail address or a Workspace trial and 2,000 from Workspace
 * (limits/account-types.ts); we stay below each so the person's own mail still goes out.
 */
export const DEFAULT_DAILY_LIMIT: Record<AccountType, number> = { consumer: 400, workspace: 1800, workspace_trial: 400 };

export const DEFAULT_GAP_SECONDS = { min: 60, max: 180 } as const;
