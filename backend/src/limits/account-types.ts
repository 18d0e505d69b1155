import { GOOGLE_DAILY_LIMIT, type AccountType } from '../../../shared/schemas/account-types';

/**
 * The account types and Google's daily sending limit of each: the rule a daily limit is checked
 * against. Google counts recipients over a rolling 24 hours (daily-limits.ts counts the same way):
 * - consumer Gmail (gmail.com, googlemail.com): about 500 recipients a day,
 *   "Gmail sending limits", https://support.google.com/mail/answer/22839
 * - Google Workspace: 2,000 messages a day; a Workspace trial: 500 until the first payment,
 *   "Gmail sending limits in Google Workspace", https://support.google.com/a/answer/166852
 * Going over locks sending for up to 24 hours, which is why a limit above these is refused.
 * The figures are GOOGLE_DAILY_LIMIT in shared/schemas/account-types.ts (the panel shows them too).
 */
export { GOOGLE_DAILY_LIMIT };

/** Addresses Google hosts as personal (consumer) accounts: no Workspace organisation can own them. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** The part after the last @, lower-cased ('' when there is none). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/** Whether the address is a personal Gmail address (the sender guidelines' "personal Gmail account"). */
export function isConsumerGmailAddress(email: string): boolean {
  return CONSUMER_DOMAINS.has(domainOf(email));
}

/**
 * The type an account starts with, from its address: gmail.com / googlemail.com are consumer, any
 * other domain is Workspace (the user can say "trial"; we cannot see it from the address).
 *
 * @example accountTypeFromAddress('ann@gmail.com') // 'consumer'
 */
export function accountTypeFromAddress(email: string): AccountType {
  return isConsumerGmailAddress(email) ? 'consumer' : 'workspace';
}

/** Why a type does not fit an address, or null when it does: a gmail.com address is always consumer, others are never. */
export function typeMismatch(email: string, type: AccountType): string | null {
  const consumer = isConsumerGmailAddress(email);
  if (consumer && type !== 'consumer') return `${domainOf(email)} addresses are consumer Gmail accounts; Google Workspace uses your organisation's own domain`;
  if (!consumer && type === 'consumer') return `Consumer Gmail addresses end in gmail.com or googlemail.com; ${domainOf(email)} is a Google Workspace domain`;
  return null;
}

const TYPE_NAMES: Record<AccountType, string> = {
  consumer: 'a consumer Gmail account',
  workspace: 'a Google Workspace account',
  workspace_trial: 'a Google Workspace trial account',
};

/**
 * Why a daily limit is too high for the type, or null when it fits.
 *
 * @example dailyLimitProblem('consumer', 600) // 'Google lets a consumer Gmail account send to about 500 recipients a day'
 */
export function dailyLimitProblem(type: AccountType, dailyLimit: number): string | null {
  const max = GOOGLE_DAILY_LIMIT[type];
  if (dailyLimit <= max) return null;
  return `Google lets ${TYPE_NAMES[type]} send to about ${max.toLocaleString('en-US')} recipients a day`;
}
