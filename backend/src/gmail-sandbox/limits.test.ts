import { describe, expect, it } from 'vitest';
import { connectMailbox, control, failure, gmailWith, send, sandboxServerEach } from '../testing/gmail-sandbox-harness';

const ALICE = 'alice@example.com';

describe('Gmail sandbox sending limits', () => {
  const { server, clock } = sandboxServerEach();

  it('answers the 151st send within a minute with 429 rateLimitExceeded and Retry-After', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    // An older project's quota (15,000 units), so the sending limit, not the quota, is what binds.
    await control(server, 'PATCH', `/mailboxes/${ALICE}`, { quotaUnitsPerUserMinute: 20_000 });
    for (let i = 0; i < 150; i++) await send(gmail, { From: ALICE, To: `r${i}@example.com`, Subject: `n${i}` });
    const limited = await failure(send(gmail, { From: ALICE, To: 'late@example.com', Subject: 'late' }));
    expect(limited.status).toBe(429);
    expect(limited.data.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(limited.data.error.errors[0]).toMatchObject({ reason: 'rateLimitExceeded', domain: 'usageLimits' });
    expect(Number(limited.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The refused send was not stored.
    expect((await gmail.users.messages.list({ userId: 'me', maxResults: 500 })).data.resultSizeEstimate).toBe(150);

    clock.advance(60_000);
    await send(gmail, { From: ALICE, To: 'later@example.com', Subject: 'a minute later' });
  });

  it('enforces a daily limit set through the control API over a rolling 24 hours', async () => {
    // Hours pass on the sandbox clock: a client that refreshes its token on a 401.
    const { tokens } = await connectMailbox(server.url, ALICE);
    const { gmail } = gmailWith(server.url, tokens, { forceRefreshOnFailure: true });
    expect((await control(server, 'PATCH', `/mailboxes/${ALICE}`, { dailyLimit: 3 })).body).toMatchObject({ dailyLimit: 3, perMinuteLimit: 150, quotaUnitsPerMinute: 6000 });
    for (let i = 0; i < 3; i++) {
      await send(gmail, { From: ALICE, To: 'r@example.com', Subject: `d${i}` });
      clock.advance(60 * 60_000);
    }
    const limited = await failure(send(gmail, { From: ALICE, To: 'r@example.com', Subject: 'over' }));
    expect(limited.status).toBe(429);
    expect(limited.data.error.errors[0].reason).toBe('rateLimitExceeded');
    expect(limited.data.error.message).toContain('(Mail sending)');
    // The first send ages out 24 h after it was made: 21 h from now.
    expect(Number(limited.headers?.get('retry-after'))).toBe(21 * 3600);

    clock.advance(21 * 60 * 60_000);
    await send(gmail, { From: ALICE, To: 'r@example.com', Subject: 'next day' });
  });

  it('does not count messages delivered into the mailbox against its sending limits', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    await control(server, 'PATCH', `/mailboxes/${ALICE}`, { dailyLimit: 1 });
    await control(server, 'POST', `/mailboxes/${ALICE}/messages`, { text: 'From: x@example.com\r\nTo: alice@example.com\r\nSubject: hi\r\n\r\nhi\r\n' });
    await send(gmail, { From: ALICE, To: 'r@example.com', Subject: 'one' });
  });
});
