import { useState } from 'react';
import type { GmailAccount, Warmup } from '../../../shared/schemas/accounts';
import { GOOGLE_DAILY_LIMIT, SUGGESTED_WARMUP } from '../../../shared/schemas/account-types';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { SwitchField } from '../ui/switch-field';
import { TextField } from '../ui/text-field';
import { warmupWords } from './warmup-words';

type WarmupAccount = Pick<GmailAccount, 'id' | 'type' | 'dailyLimit' | 'warmup' | 'warmupDay' | 'effectiveDailyLimit'>;

const FIGURES = [
  ['startPerDay', 'A day at the start'],
  ['increasePerDay', 'More each day'],
  ['targetPerDay', 'Target a day'],
] as const;

/**
 * Warm-up for a new account (issue 18): today's figure and the ramp's day, a switch, and the ramp's
 * figures (suggested: 20 a day, 20 more a day, up to the type's Google limit). Saving sends the
 * change to the server, which checks the target against Google's limit; `onSaved` refreshes the list.
 */
export function AccountWarmup({ account, onSaved }: { account: WarmupAccount; onSaved(): void }) {
  const suggested: Warmup = { ...SUGGESTED_WARMUP, targetPerDay: GOOGLE_DAILY_LIMIT[account.type ?? 'consumer'] };
  const [on, setOn] = useState(account.warmup != null);
  const [figures, setFigures] = useState<Record<keyof Warmup, string>>(() => {
    const ramp = account.warmup ?? suggested;
    return { startPerDay: String(ramp.startPerDay), increasePerDay: String(ramp.increasePerDay), targetPerDay: String(ramp.targetPerDay) };
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Partial<Record<string, string>> } | null>(null);
  if (account.warmup === undefined) return null; // an older server: nothing to show or change

  async function save() {
    setSaving(true);
    setError(null);
    const warmup = on ? { startPerDay: Number(figures.startPerDay), increasePerDay: Number(figures.increasePerDay), targetPerDay: Number(figures.targetPerDay) } : null;
    const saved = await sendMessage({ type: 'accounts/set-warmup', id: account.id, warmup });
    setSaving(false);
    if (saved.ok) return onSaved();
    const fields = Object.fromEntries((saved.error.fields ?? []).map(({ field, message }) => [field.replace(/^warmup\./, ''), message]));
    setError({ message: saved.error.message, fields });
  }

  const words = warmupWords(account);
  return (
    <div className="account-warmup stack" data-testid="account-warmup">
      {words && (
        <p className="muted" data-testid="warmup-status">
          {words}
        </p>
      )}
      <SwitchField label="Warm this account up" hint="Starts low and sends a little more each day, up to the target; day 0 is the day you switch it on." checked={on} onChange={setOn} testId="warmup-switch" />
      {on &&
        FIGURES.map(([name, label]) => (
          <TextField
            key={name}
            label={label}
            type="number"
            inputMode="numeric"
            min={name === 'increasePerDay' ? 0 : 1}
            step={1}
            value={figures[name]}
            invalid={error?.fields[name] !== undefined}
            hint={error?.fields[name]}
            onChange={(event) => setFigures({ ...figures, [name]: event.target.value })}
            data-testid={`warmup-${name}`}
          />
        ))}
      {error && Object.keys(error.fields).length === 0 && <InlineAlert message={error.message} />}
      {(on || account.warmup != null) && (
        <Button type="button" variant="secondary" busy={saving} busyLabel="Saving…" onClick={() => void save()} data-testid="warmup-save">
          {on ? 'Save warm-up' : 'Switch warm-up off'}
        </Button>
      )}
    </div>
  );
}
