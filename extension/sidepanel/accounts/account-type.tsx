import { ACCOUNT_TYPE_LABELS, GOOGLE_DAILY_LIMIT, type AccountType as Type } from '../../../shared/schemas/account-types';
import { formatCount } from '../format';

/**
 * The account's type and Google's daily limit for it, in words: "Google Workspace: Google allows
 * 2,000 messages a day". The dashboard's settings page changes it; nothing for an older server.
 */
export function accountTypeWords(type: Type): string {
  return `${ACCOUNT_TYPE_LABELS[type]}: Google allows about ${formatCount(GOOGLE_DAILY_LIMIT[type])} messages a day`;
}

export function AccountType({ type }: { type: Type | undefined }) {
  if (!type) return null;
  return (
    <p className="muted" data-testid="account-type">
      {accountTypeWords(type)}
    </p>
  );
}
