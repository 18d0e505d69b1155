import type { GmailAccount } from '../../../shared/schemas/accounts';
import { formatCount } from '../format';

type WarmupAccount = Pick<GmailAccount, 'dailyLimit' | 'warmup' | 'warmupDay' | 'effectiveDailyLimit'>;

/**
 * The warm-up's state in words, the same as the dashboard's (backend/src/dashboard/gmail-accounts/
 * warmup-words.ts): "Warm-up: day 3 · 80 a day today (rising to 500)"; null when off or an older
 * server does not say.
 */
export function warmupWords(account: WarmupAccount): string | null {
  if (!account.warmup || account.warmupDay == null || account.effectiveDailyLimit === undefined) return null;
  const top = Math.min(account.warmup.targetPerDay, account.dailyLimit);
  const today = `Warm-up: day ${formatCount(account.warmupDay)} · ${formatCount(account.effectiveDailyLimit)} a day today`;
  return account.effectiveDailyLimit >= top ? `${today} (target reached)` : `${today} (rising to ${formatCount(top)})`;
}
