import { describe, expect, it } from 'vitest';
import { accountsByRoom, campaignsInTurn, staysWithAccount } from './rotation';

const NOW = new Date('2026-03-05T12:00:00Z');

describe('accountsByRoom', () => {
  const accounts = [
    { id: 'busy', dailyLimit: 500 },
    { id: 'fresh', dailyLimit: 100 },
    { id: 'big', dailyLimit: 2000 },
    { id: 'full', dailyLimit: 500 },
  ];

  it('puts the account with the most room left under its limit first, not the biggest limit', () => {
    const sent = new Map([['busy', 450], ['big', 1990], ['full', 500]]);
    expect(accountsByRoom(accounts, sent, NOW).map(({ account, room }) => [account.id, room])).toEqual([
      ['fresh', 100],
      ['busy', 50],
      ['big', 10],
    ]);
  });

  it('leaves out an account at or past its limit (a lowered limit included)', () => {
    const sent = new Map([['busy', 600], ['fresh', 100], ['big', 2000], ['full', 500]]);
    expect(accountsByRoom(accounts, sent, NOW)).toEqual([]);
  });

  it('keeps the given order between accounts with the same room', () => {
    const even = [{ id: 'a', dailyLimit: 10 }, { id: 'b', dailyLimit: 10 }, { id: 'c', dailyLimit: 10 }];
    expect(accountsByRoom(even, new Map(), NOW).map(({ account }) => account.id)).toEqual(['a', 'b', 'c']);
  });

  it("counts a warming-up account's room against the day's figure, not its daily limit", () => {
    // Switched on three days ago: day 3 of 20 + 20/day allows 80.
    const warming = { id: 'new', dailyLimit: 500, warmup: { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 }, warmupStartedAt: new Date('2026-03-02T11:00:00Z') };
    expect(accountsByRoom([warming], new Map([['new', 70]]), NOW).map(({ room }) => room)).toEqual([10]);
    expect(accountsByRoom([warming], new Map([['new', 80]]), NOW)).toEqual([]);
  });
});

describe('campaignsInTurn', () => {
  const at = (iso: string) => new Date(iso);
  const campaign = (id: string, accountIds: string[], lastSentAt: Date | null, dailyCap?: number) => ({
    id,
    accountIds,
    lastSentAt,
    throttle: dailyCap === undefined ? {} : { dailyCap },
  });

  it('serves the campaign that waited longest first, one that never sent before any', () => {
    const open = [
      campaign('recent', ['acc'], at('2026-03-02T10:05:00Z')),
      campaign('older', ['acc'], at('2026-03-02T10:00:00Z')),
      campaign('new', ['acc'], null),
    ];
    expect(campaignsInTurn('acc', open, new Map()).map((c) => c.id)).toEqual(['new', 'older', 'recent']);
  });

  it("serves only the campaigns that send from this account, and only under their daily cap", () => {
    const open = [
      campaign('other-account', ['acc-2'], null),
      campaign('capped', ['acc', 'acc-2'], null, 50),
      campaign('under-cap', ['acc'], null, 50),
      campaign('uncapped', ['acc'], at('2026-03-02T10:00:00Z')),
    ];
    const sent = new Map([['capped', 50], ['under-cap', 49], ['uncapped', 10_000]]);
    expect(campaignsInTurn('acc', open, sent).map((c) => c.id)).toEqual(['under-cap', 'uncapped']);
  });
});

describe('staysWithAccount', () => {
  it('lets a first message move to another account', () => {
    expect(staysWithAccount({ step: 0, verifyBeforeSend: false })).toBe(false);
  });

  it("keeps a follow-up in its thread's mailbox", () => {
    expect(staysWithAccount({ step: 2, verifyBeforeSend: false })).toBe(true);
  });

  it('keeps a message that may already be in a mailbox where the check will look', () => {
    expect(staysWithAccount({ step: 0, verifyBeforeSend: true })).toBe(true);
  });
});
