import { formatPlural, pluralWord } from '../format';
import { InlineDialog } from './inline-dialog';

interface SignOutDialogProps {
  /** Edits saved on this device that have not reached the server (more than 0, or no need to ask). */
  unsaved: number;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * "Sign out anyway?" asked inside the panel (issue 14: not window.confirm, which a screen reader
 * user meets out of context and a test cannot see): edits not yet synced belong to this account and
 * signing out discards them. Keeping them is the choice that takes the focus.
 */
export function SignOutDialog({ unsaved, busy = false, onConfirm, onCancel }: SignOutDialogProps) {
  const edits = formatPlural(unsaved, { one: 'edit', other: 'edits' });
  return (
    <InlineDialog
      title={`Sign out and discard ${edits}?`}
      tone="danger"
      onCancel={onCancel}
      testId="sign-out-dialog"
      actions={
        <>
          <button type="button" className="link-button" disabled={busy} onClick={onConfirm} data-testid="sign-out-confirm">
            Sign out and discard
          </button>
          <button type="button" className="link-button" onClick={onCancel} data-autofocus data-testid="sign-out-keep">
            Stay signed in
          </button>
        </>
      }
    >
      <p>
        {edits} saved on this device {pluralWord(unsaved, { one: 'has', other: 'have' })} not reached the server yet. Signing out discards{' '}
        {pluralWord(unsaved, { one: 'it', other: 'them' })}; staying lets them sync when the server answers.
      </p>
    </InlineDialog>
  );
}
