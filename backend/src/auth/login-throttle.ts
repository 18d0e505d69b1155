import type { ThrottleKey, ThrottlePolicy } from './attempt-throttle';

/**
 * Sign-in attempts are counted per email (guessing one account's password) and per client address
 * (trying many accounts). Past the limit within the window, that key is refused for the block time
 * with 429 and Retry-After, even when the password is right. Attempts are reserved before the
 * password check (attempt-throttle.ts), so parallel guesses count too.
 */
export const LOGIN_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
const LIMITS = { email: 5, address: 30 } as const;

export type LoginKeys = { email: string; address: string | undefined };

export function loginThrottleKeys(keys: LoginKeys): ThrottleKey[] {
  const list: ThrottleKey[] = [{ key: emailKey(keys.email), limit: LIMITS.email }];
  if (keys.address) list.push({ key: `address:${keys.address}`, limit: LIMITS.address });
  return list;
}

/**
 * A successful sign-in forgets the account's count; the address only gets its attempt back (one
 * good password proves nothing about the other accounts tried from there).
 */
export function isAccountKey(key: string): boolean {
  return key.startsWith('email:');
}

function emailKey(email: string): string {
  return `email:${email.toLowerCase()}`;
}
