/**
 * The account types and Google's daily sending limit of each, as plain values without zod so the
 * side panel can show them within its JavaScript budget; `accountTypeSchema` (accounts.ts)
 * validates against the list, and backend/src/limits/account-types.ts holds the rule (and the
 * sources: https://support.google.com/mail/answer/22839, https://support.google.com/a/answer/166852).
 */
export const ACCOUNT_TYPES = ['consumer', 'workspace', 'workspace_trial'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Recipients a day over a rolling 24 hours: consumer Gmail about 500, Workspace 2,000, a Workspace trial 500. */
export const GOOGLE_DAILY_LIMIT: Record<AccountType, number> = { consumer: 500, workspace: 2000, workspace_trial: 500 };

/** The type's name for people. */
export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = {
  consumer: 'Consumer Gmail',
  workspace: 'Google Workspace',
  workspace_trial: 'Google Workspace, trial',
};

/**
 * The warm-up ramp the account screens suggest for a new account: 20 a day, 20 more each day, up to
 * the type's Google limit above. Why these figures: backend/src/limits/warmup.ts. Here, without zod,
 * for the side panel's budget.
 */
export const SUGGESTED_WARMUP = { startPerDay: 20, increasePerDay: 20 } as const;
