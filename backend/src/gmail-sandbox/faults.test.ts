import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../lib/clock';
import { seededRandom } from './faults';
import type { GmailSandboxServer } from './node-server';
import { connectMailbox, control, failure, send, startGmailSandboxServer } from '../testing/gmail-sandbox-harness';

const ALICE = 'alice@example.com';

describe('Gmail sandbox fault injection', () => {
  let server: GmailSandboxServer;
  const clock = fakeClock('2026-03-02T10:00:00Z');

  beforeEach(async () => {
    server = await startGmailSandboxServer({ clock, random: seededRandom(7) });
  });
  afterEach(async () => server.close());

  it('fails the next N matching sends in Google’s shape, then recovers (sends are not retried by the client)', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const created = await control(server, 'POST', '/faults', { operation: 'send', status: 503, reason: 'backendError', count: 2 });
    expect(created.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const failed = await failure(send(gmail, { From: ALICE, To: 'r@example.com', Subject: `f${i}` }));
      expect(failed.status).toBe(503);
      expect(failed.data.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
      expect(failed.data.error.errors[0].reason).toBe('backendError');
    }
    await send(gmail, { From: ALICE, To: 'r@example.com', Subject: 'ok' });
    expect((await control(server, 'GET', `/mailboxes/${ALICE}/messages`)).body).toHaveLength(1);
    expect((await control(server, 'GET', '/faults')).body).toEqual([]);
  });

  it('scopes a fault to one mailbox', async () => {
    const alice = await connectMailbox(server.url, ALICE);
    const bob = await connectMailbox(server.url, 'bob@example.com');
    await control(server, 'POST', '/faults', { mailbox: 'bob@example.com', operation: '*', status: 500 });
    await send(alice.gmail, { From: ALICE, To: 'r@example.com', Subject: 'fine' });
    expect((await failure(send(bob.gmail, { From: 'bob@example.com', To: 'r@example.com', Subject: 'x' }))).status).toBe(500);
    await control(server, 'DELETE', '/faults');
    await send(bob.gmail, { From: 'bob@example.com', To: 'r@example.com', Subject: 'fine now' });
  });

  it('fails a share of calls with `rate`, reproducibly from the seeded random source', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    await control(server, 'POST', '/faults', { operation: 'send', status: 429, rate: 0.5 });
    const outcomes: number[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        await send(gmail, { From: ALICE, To: 'r@example.com', Subject: `r${i}` });
        outcomes.push(200);
      } catch (error) {
        outcomes.push((error as { status: number }).status);
      }
    }
    const failures = outcomes.filter((s) => s === 429).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
    expect((await control(server, 'GET', `/mailboxes/${ALICE}/messages`)).body).toHaveLength(20 - failures);
  });

  it('with afterSend, stores (and delivers) the message and then answers the error', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    await connectMailbox(server.url, 'bob@example.com');
    await control(server, 'POST', '/faults', { operation: 'send', status: 500, afterSend: true, count: 1 });
    const lost = await failure(send(gmail, { From: ALICE, To: 'bob@example.com', Subject: 'accepted', 'Message-ID': '<lost-1@iconnect.local>' }));
    expect(lost.status).toBe(500);
    const { data } = await gmail.users.messages.list({ userId: 'me', q: 'rfc822msgid:lost-1@iconnect.local' });
    expect(data.messages).toHaveLength(1);
    expect((await control(server, 'GET', '/mailboxes/bob@example.com/messages')).body).toHaveLength(1);
  });

  it('refuses afterSend on other operations and faults without status or latency', async () => {
    expect((await control(server, 'POST', '/faults', { operation: 'list', status: 500, afterSend: true })).status).toBe(400);
    expect((await control(server, 'POST', '/faults', { operation: 'send' })).status).toBe(400);
    expect((await control(server, 'POST', '/faults', { operation: 'send', status: 418 })).status).toBe(400);
  });

  it('lets the client retry a failed GET by itself (googleapis retries GETs on 5xx)', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    await control(server, 'POST', '/faults', { operation: 'list', status: 503, count: 1 });
    const { data } = await gmail.users.messages.list({ userId: 'me' });
    expect(data.resultSizeEstimate).toBe(0);
  });

  it('answers history 404 as a fault, for "startHistoryId too old" scenarios', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const { data: profile } = await gmail.users.getProfile({ userId: 'me' });
    await control(server, 'POST', '/faults', { operation: 'history', status: 404, count: 1 });
    const gone = await failure(gmail.users.history.list({ userId: 'me', startHistoryId: profile.historyId! }));
    expect(gone.status).toBe(404);
    expect(gone.data.error.errors[0].reason).toBe('notFound');
  });

  it('delays calls with latencyMs', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    await control(server, 'POST', '/faults', { operation: 'profile', latencyMs: 150, count: 1 });
    const started = performance.now();
    await gmail.users.getProfile({ userId: 'me' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('holds a call at a gate, says when one is held, and lets it go when released', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const created = await control(server, 'POST', '/faults', { operation: 'send', hold: true, count: 1 });
    expect(created.status).toBe(201);
    const gate = (created.body as { id: string }).id;
    let answered = false;
    const sending = send(gmail, { From: ALICE, To: 'r@example.com', Subject: 'held' }).then(() => (answered = true));

    expect((await control(server, 'GET', `/faults/${gate}/held`)).body).toEqual({ held: 1 });
    expect(answered).toBe(false);
    expect((await control(server, 'GET', `/mailboxes/${ALICE}/messages`)).body).toEqual([]);

    expect((await control(server, 'POST', `/faults/${gate}/release`)).status).toBe(204);
    await sending;
    expect((await control(server, 'GET', `/mailboxes/${ALICE}/messages`)).body).toHaveLength(1);
    expect((await control(server, 'POST', '/faults/fault-999/release')).status).toBe(404);
    expect((await control(server, 'GET', '/faults/fault-999/held')).status).toBe(404);
  });

  it('lets held calls go when the faults are cleared', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const gate = ((await control(server, 'POST', '/faults', { operation: 'profile', hold: true })).body as { id: string }).id;
    const profile = gmail.users.getProfile({ userId: 'me' });
    await control(server, 'GET', `/faults/${gate}/held`);
    expect((await control(server, 'DELETE', '/faults')).status).toBe(204);
    expect((await profile).data.emailAddress).toBe(ALICE);
  });

  it('shows faults, mailboxes and token prefixes (never whole secrets) in /state', async () => {
    const { tokens } = await connectMailbox(server.url, ALICE);
    await control(server, 'POST', '/faults', { operation: 'token', status: 400, reason: 'invalid_grant' });
    const { body } = await control(server, 'GET', '/state');
    const state = body as { mailboxes: Array<{ address: string }>; tokens: Array<{ prefix: string; kind: string; state: string }>; faults: unknown[] };
    expect(state.mailboxes.map((m) => m.address)).toEqual([ALICE]);
    expect(state.tokens.map((t) => [t.kind, t.state])).toEqual([['refresh', 'active'], ['access', 'active']]);
    expect(JSON.stringify(body)).not.toContain(tokens.refresh_token!);
    expect(JSON.stringify(body)).not.toContain(tokens.access_token!);
    expect(state.faults).toHaveLength(1);
  });
});
