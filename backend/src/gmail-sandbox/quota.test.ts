import { describe, expect, it } from 'vitest';
import { connectMailbox, control, failure, send, sandboxServerEach } from '../testing/gmail-sandbox-harness';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

type State = {
  project: { quotaUnitsPerMinute: number; unitsLastMinute: number };
  mailboxes: Array<{ address: string; quotaUnitsPerMinute: number; unitsLastMinute: number; rateLimitAnswers: number }>;
};

describe('Gmail sandbox quota units', () => {
  const { server, clock } = sandboxServerEach();
  const state = async () => (await control(server, 'GET', '/state')).body as State;
  const mailbox = async (address: string) => (await state()).mailboxes.find((m) => m.address === address)!;

  it('charges each method its 2026 unit cost against the mailbox and the project', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const sent = await send(gmail, { From: ALICE, To: BOB, Subject: 'units' }); // 100
    await gmail.users.getProfile({ userId: 'me' }); // 1
    await gmail.users.history.list({ userId: 'me', startHistoryId: '1000' }); // 2
    await gmail.users.messages.list({ userId: 'me' }); // 5
    await gmail.users.messages.get({ userId: 'me', id: sent.id!, format: 'metadata' }); // 20
    await gmail.users.threads.get({ userId: 'me', id: sent.threadId!, format: 'metadata' }); // 40
    expect(await mailbox(ALICE)).toMatchObject({ quotaUnitsPerMinute: 6000, unitsLastMinute: 168 });
    expect((await state()).project).toEqual({ quotaUnitsPerMinute: 1_200_000, unitsLastMinute: 168 });
    // A rolling minute: a minute later the units are free again.
    clock.advance(60_000);
    expect((await mailbox(ALICE)).unitsLastMinute).toBe(0);
  });

  it('answers a call past 6,000 units a minute with 403 userRateLimitExceeded, as Google does, and charges nothing for it', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    for (let i = 0; i < 60; i++) {
      await send(gmail, { From: ALICE, To: `r${i}@example.com`, Subject: `n${i}` });
      clock.advance(500);
    }
    const limited = await failure(send(gmail, { From: ALICE, To: 'late@example.com', Subject: 'late' }));
    expect(limited.status).toBe(403);
    expect(limited.data.error).toMatchObject({ code: 403, message: 'User Rate Limit Exceeded' });
    expect(limited.data.error.errors[0]).toEqual({ reason: 'userRateLimitExceeded', domain: 'usageLimits', message: 'User Rate Limit Exceeded' });
    // Even a 1-unit call does not fit, and the refusals cost nothing.
    expect((await failure(gmail.users.getProfile({ userId: 'me' }))).status).toBe(403);
    expect(await mailbox(ALICE)).toMatchObject({ unitsLastMinute: 6000, rateLimitAnswers: 2 });

    // The first send (at 0 s) leaves the rolling minute at 60 s: 100 units free, one send fits.
    clock.advance(60_000 - 30_000 + 1);
    await send(gmail, { From: ALICE, To: 'next@example.com', Subject: 'room again' });
    expect((await failure(send(gmail, { From: ALICE, To: 'x@example.com', Subject: 'too soon' }))).status).toBe(403);
  });

  it('lets a mailbox of an older project use 15,000 units a minute when told through the control API', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const patched = await control(server, 'PATCH', `/mailboxes/${ALICE}`, { quotaUnitsPerUserMinute: 15_000 });
    expect(patched.body).toMatchObject({ quotaUnitsPerMinute: 15_000 });
    for (let i = 0; i < 61; i++) await send(gmail, { From: ALICE, To: `r${i}@example.com`, Subject: `n${i}` });
    expect(await mailbox(ALICE)).toMatchObject({ quotaUnitsPerMinute: 15_000, unitsLastMinute: 6_100 });
  });

  it('answers 403 rateLimitExceeded when the project, all mailboxes together, is over its minute', async () => {
    const alice = await connectMailbox(server.url, ALICE);
    const bob = await connectMailbox(server.url, BOB);
    expect((await control(server, 'PATCH', '/project', { quotaUnitsPerProjectMinute: 300 })).body).toEqual({ quotaUnitsPerMinute: 300 });
    await send(alice.gmail, { From: ALICE, To: BOB, Subject: 'a1' });
    await send(alice.gmail, { From: ALICE, To: BOB, Subject: 'a2' });
    await send(bob.gmail, { From: BOB, To: ALICE, Subject: 'b1' });
    const limited = await failure(send(bob.gmail, { From: BOB, To: ALICE, Subject: 'b2' }));
    expect(limited.status).toBe(403);
    expect(limited.data.error.errors[0]).toMatchObject({ reason: 'rateLimitExceeded', domain: 'usageLimits' });
    expect((await state()).project).toEqual({ quotaUnitsPerMinute: 300, unitsLastMinute: 300 });
  });

  it('refuses a quota that is not a whole number of units, naming the field', async () => {
    const refused = await control(server, 'PATCH', `/mailboxes/${ALICE}`, { quotaUnitsPerUserMinute: 'lots' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('quotaUnitsPerUserMinute');
  });
});
