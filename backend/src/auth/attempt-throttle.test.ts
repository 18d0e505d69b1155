import { describe, expect, it } from 'vitest';
import { useTestApp } from '../testing/use-test-app';
import { reserveAttempt, settleAttempt } from './attempt-throttle';

/** The counts hold email and IP addresses: the privacy page promises they go once they stop counting. */
const t = useTestApp();

const policy = { windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
const keys = async () => (await t.client.execute('SELECT key FROM login_failures ORDER BY key')).rows.map((row) => row.key);

describe('attempt counts are kept only while they count', () => {
  it('deletes an address\'s count at the first attempt after its window ended, and keeps a live block', async () => {
    const failed = await reserveAttempt(t.deps, [{ key: 'email:old@example.com', limit: 5 }], policy);
    if (failed.allowed) await settleAttempt(t.deps, failed.reservation, 'failed');
    for (let i = 0; i < 5; i++) {
      const blocked = await reserveAttempt(t.deps, [{ key: 'email:blocked@example.com', limit: 5 }], policy);
      if (blocked.allowed) await settleAttempt(t.deps, blocked.reservation, 'failed');
    }
    expect(await keys()).toEqual(['email:blocked@example.com', 'email:old@example.com']);

    t.clock.advance(15 * 60_000 - 1);
    await reserveAttempt(t.deps, [{ key: 'address:192.0.2.9', limit: 30 }], policy);
    expect(await keys()).toEqual(['address:192.0.2.9', 'email:blocked@example.com', 'email:old@example.com']);

    t.clock.advance(1);
    await reserveAttempt(t.deps, [{ key: 'address:192.0.2.9', limit: 30 }], policy);
    // The block started with the fifth attempt, at the same instant: it ends now too.
    expect(await keys()).toEqual(['address:192.0.2.9']);
  });
});
