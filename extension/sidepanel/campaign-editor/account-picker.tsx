import { useCallback } from 'react';
import type { GmailAccount } from '../../../shared/schemas/accounts';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { useCached } from '../use-cached';

interface AccountPickerProps {
  selected: string[];
  disabled: boolean;
  onChange(accountIds: string[]): void;
  onOpenAccounts(): void;
}

/** Which connected Gmail accounts send this campaign (messages rotate between them). */
export function AccountPicker({ selected, disabled, onChange, onOpenAccounts }: AccountPickerProps) {
  const load = useCallback((source: 'cache' | 'server') => sendMessage({ type: 'accounts/list', source }), []);
  const accounts = useCached<GmailAccount[]>(load, (list) => list.length === 0);

  return (
    <fieldset className="group" disabled={disabled} data-testid="account-picker">
      <legend>Send from</legend>
      {accounts.error && !accounts.data && <InlineAlert message={accounts.error.message} />}
      {accounts.data === undefined && accounts.refreshing && <p className="muted">Loading accounts…</p>}
      {accounts.data?.length === 0 && (
        <p className="muted">
          No Gmail account connected yet.{' '}
          <button type="button" className="link-button" onClick={onOpenAccounts}>
            Connect one
          </button>
        </p>
      )}
      {accounts.data?.map((account) => {
        const on = selected.includes(account.id);
        return (
          <label key={account.id} className="account-choice">
            <input
              type="checkbox"
              checked={on}
              onChange={() => onChange(on ? selected.filter((id) => id !== account.id) : [...selected, account.id])}
              data-testid="account-choice"
              data-email={account.email}
            />
            <span>{account.email}</span>
            {account.status !== 'ok' && <span className="account-choice__warn">needs reconnecting</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
