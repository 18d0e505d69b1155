import type { GmailAccount } from '../../../../shared/schemas/accounts';

const number = new Intl.NumberFormat('en');

/**
 * The warm-up's state in words, as the account screens show it (the side panel says the same:
 * extension/sidepanel/accounts/account-warmup.tsx): "Warm-up: day 3 · 80 a day today (rising to
 * 500)", "… (target reached)" once there; null when warm-up is off or the server does not say.
 * Day 0 is the day it was switched on (limits/warmup.ts).
 *
 * @example warmupWords({ warmup: { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 }, warmupDay: 3, effectiveDailyLimit: 80, dailyLimit: 500 })
 */
export function warmupWords(account: Pick<GmailAccount, 'warmup' | 'warmupDay' | 'effectiveDailyLimit' | 'dailyLimit'>): string | null {
  if (!account.warmup || account.warmupDay == null || account.effectiveDailyLimit === undefined) return null;
  const top = Math.min(account.warmup.targetPerDay, account.dailyLimit);
  const today = `Warm-up: day ${number.format(account.warmupDay)} · ${number.format(account.effectiveDailyLimit)} a day today`;
  return account.effectiveDailyLimit >= top ? `${today} (target reached)` : `${today} (rising to ${number.format(top)})`;
}
