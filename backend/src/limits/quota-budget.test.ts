import { describe, expect, it } from 'vitest';
import { gmailMethodOf } from './gmail-quota-costs';
import { createQuotaBudget, SEND_JOB_UNITS } from './quota-budget';

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 10, 0, seconds));

describe('the Gmail quota budget of an account', () => {
  it('lets sends use the budget minus the read reserve, and reads all of it', () => {
    const quota = createQuotaBudget({ unitsPerMinute: 6_000 });
    for (let i = 0; i < 50; i++) expect(quota.charge('a', 100, 'send', at(i))).toEqual({ ok: true });
    // 5,000 used: a 51st send waits for the first to leave the rolling minute (at 0 s + 60 s).
    expect(quota.charge('a', 100, 'send', at(50))).toEqual({ ok: false, dueAt: at(60) });
    // Reads still have the reserve, up to the whole 6,000.
    for (let i = 0; i < 50; i++) expect(quota.charge('a', 20, 'read', at(50)).ok).toBe(true);
    expect(quota.charge('a', 20, 'read', at(50)).ok).toBe(false);
    expect(quota.unitsLastMinute('a', at(50))).toBe(6_000);
    // Another account has its own minute.
    expect(quota.charge('b', 100, 'send', at(50))).toEqual({ ok: true });
  });

  it('says when enough units leave the rolling minute, oldest first', () => {
    const quota = createQuotaBudget({ unitsPerMinute: 6_000 });
    for (let i = 0; i < 50; i++) quota.charge('a', 100, 'send', at(i));
    expect(quota.fitsAt('a', SEND_JOB_UNITS, 'send', at(50))).toEqual(at(61)); // 145 units: two sends must leave
    expect(quota.fitsAt('a', 100, 'send', at(60))).toEqual(at(60));
    expect(quota.unitsLastMinute('a', at(60))).toBe(4_900);
    expect(quota.fitsAt('a', 6_000, 'send', at(60))).toBeNull(); // more than sends may ever use
  });

  it('learns from the send log the sends of the minute it did not see, and does not count twice those it did', () => {
    const fresh = createQuotaBudget({ unitsPerMinute: 6_000 });
    // A new process (or Workers isolate) whose account sent 49 messages in the last minute elsewhere.
    const log = Array.from({ length: 49 }, (_, i) => at(i));
    fresh.rememberSends('a', log, at(55));
    expect(fresh.unitsLastMinute('a', at(55))).toBe(4_900);
    expect(fresh.fitsAt('a', SEND_JOB_UNITS, 'send', at(55))).toEqual(at(60)); // when the first send leaves
    // The same process, which charged those sends itself: nothing to add.
    const same = createQuotaBudget({ unitsPerMinute: 6_000 });
    for (const time of log) same.charge('a', 100, 'send', time);
    same.charge('a', 2, 'read', at(50));
    same.rememberSends('a', log, at(55));
    expect(same.unitsLastMinute('a', at(55))).toBe(4_902);
  });

  it('counts but never refuses when switched off', () => {
    const quota = createQuotaBudget({ unitsPerMinute: null });
    for (let i = 0; i < 100; i++) expect(quota.charge('a', 100, 'send', at(0)).ok).toBe(true);
    expect(quota.unitsLastMinute('a', at(0))).toBe(10_000);
    expect(quota.unitsPerMinute).toBeNull();
  });

  it('knows which Gmail method a request calls, and leaves OAuth requests alone', () => {
    const api = (path: string) => new URL(`https://gmail.googleapis.com${path}`);
    expect(gmailMethodOf('POST', api('/gmail/v1/users/me/messages/send'))).toBe('users.messages.send');
    expect(gmailMethodOf('POST', api('/upload/gmail/v1/users/me/messages/send'))).toBe('users.messages.send');
    expect(gmailMethodOf('GET', api('/gmail/v1/users/me/messages'))).toBe('users.messages.list');
    expect(gmailMethodOf('GET', api('/gmail/v1/users/me/messages/18c2'))).toBe('users.messages.get');
    expect(gmailMethodOf('GET', api('/gmail/v1/users/me/threads/18c2'))).toBe('users.threads.get');
    expect(gmailMethodOf('GET', api('/gmail/v1/users/me/history'))).toBe('users.history.list');
    expect(gmailMethodOf('GET', api('/gmail/v1/users/me/profile'))).toBe('users.getProfile');
    expect(gmailMethodOf('GET', api('/gmail/v1/users/me/labels'))).toBe('other');
    expect(gmailMethodOf('POST', new URL('https://oauth2.googleapis.com/token'))).toBeNull();
  });
});
