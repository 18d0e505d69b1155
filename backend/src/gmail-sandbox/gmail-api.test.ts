import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { connectMailbox, control, failure, rawMessage, send, sandboxServerEach } from '../testing/gmail-sandbox-harness';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

async function rawOf(client: Awaited<ReturnType<typeof connectMailbox>>['gmail'], id: string) {
  const { data } = await client.users.messages.get({ userId: 'me', id, format: 'raw' });
  return PostalMime.parse(Buffer.from(data.raw!, 'base64url'));
}

describe('Gmail sandbox API, through @googleapis/gmail', () => {
  const { server, clock } = sandboxServerEach();

  it('sends a message into SENT with its headers, adding the Message-ID and Date Gmail would', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const sent = await send(gmail, { From: `Alice <${ALICE}>`, To: 'Zed <zed@elsewhere.example>', Subject: 'Hello, Zed' });
    expect(sent.id).toMatch(/^[0-9a-f]{16}$/);
    expect(sent.threadId).toBe(sent.id);
    expect(sent.labelIds).toEqual(['SENT']);

    const parsed = await rawOf(gmail, sent.id!);
    expect(parsed.subject).toBe('Hello, Zed');
    expect(parsed.to?.[0]).toMatchObject({ address: 'zed@elsewhere.example' });
    expect(parsed.messageId).toMatch(/^<.+@mail\.gmail\.com>$/);
    expect(parsed.date).toBeTruthy();

    const listed = await gmail.users.messages.list({ userId: 'me', labelIds: ['SENT'] });
    expect(listed.data.messages).toEqual([{ id: sent.id, threadId: sent.threadId }]);
    expect(listed.data.resultSizeEstimate).toBe(1);
  });

  it('returns format=metadata headers (filtered) and format=full parts', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const boundary = 'b1';
    const mime = [
      `From: ${ALICE}`, 'To: zed@elsewhere.example', 'Subject: =?UTF-8?B?Q2Fmw6k=?=', 'MIME-Version: 1.0',
      `Content-Type: multipart/alternative; boundary="${boundary}"`, '',
      `--${boundary}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', 'Caf=C3=A9 au lait',
      `--${boundary}`, 'Content-Type: text/html; charset=utf-8', '', '<p>Café</p>', `--${boundary}--`, '',
    ].join('\r\n');
    const { data: sent } = await gmail.users.messages.send({ userId: 'me', requestBody: { raw: Buffer.from(mime).toString('base64url') } });

    const { data: meta } = await gmail.users.messages.get({ userId: 'me', id: sent.id!, format: 'metadata', metadataHeaders: ['Subject'] });
    expect(meta.payload?.headers).toEqual([{ name: 'Subject', value: 'Café' }]);
    expect(meta.snippet).toBe('Café au lait');
    expect(meta.internalDate).toBe(String(Date.parse('2026-03-02T10:00:00Z')));
    expect(typeof meta.historyId).toBe('string');

    const { data: full } = await gmail.users.messages.get({ userId: 'me', id: sent.id!, format: 'full' });
    expect(full.payload?.mimeType).toBe('multipart/alternative');
    expect(full.payload?.parts?.map((p) => [p.partId, p.mimeType])).toEqual([['0', 'text/plain'], ['1', 'text/html']]);
    expect(Buffer.from(full.payload!.parts![0]!.body!.data!, 'base64url').toString('utf8')).toBe('Café au lait');
  });

  it('threads by the given threadId, and by In-Reply-To when none is given', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const first = await send(gmail, { From: ALICE, To: 'zed@elsewhere.example', Subject: 'Plan', 'Message-ID': '<plan-1@example.com>' });
    const byId = await send(gmail, { From: ALICE, To: 'zed@elsewhere.example', Subject: 'Re: Plan' }, first.threadId!);
    expect(byId.threadId).toBe(first.threadId);
    const byHeader = await send(gmail, { From: ALICE, To: 'zed@elsewhere.example', Subject: 'Re: Plan', 'In-Reply-To': '<plan-1@example.com>' });
    expect(byHeader.threadId).toBe(first.threadId);
    const fresh = await send(gmail, { From: ALICE, To: 'zed@elsewhere.example', Subject: 'Other' });
    expect(fresh.threadId).not.toBe(first.threadId);

    const { data: thread } = await gmail.users.threads.get({ userId: 'me', id: first.threadId!, format: 'minimal' });
    expect(thread.messages?.map((m) => m.id)).toEqual([first.id, byId.id, byHeader.id]);

    const missing = await failure(send(gmail, { From: ALICE, To: 'zed@elsewhere.example', Subject: 'x' }, 'ffffffffffffffff'));
    expect(missing.status).toBe(404);
    expect(missing.data.error.errors[0].reason).toBe('notFound');
  });

  it('refuses a From that is not the mailbox, no recipients, and more than 100 recipients', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const spoof = await failure(send(gmail, { From: 'mallory@example.com', To: BOB, Subject: 'x' }));
    expect(spoof.status).toBe(400);
    expect(spoof.data.error.errors[0].reason).toBe('invalidArgument');
    expect((await failure(send(gmail, { From: ALICE, Subject: 'x' }))).status).toBe(400);

    const many = Array.from({ length: 101 }, (_, i) => `r${i}@example.com`).join(', ');
    const tooMany = await failure(send(gmail, { From: ALICE, To: many, Subject: 'x' }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.data.error.errors[0].reason).toBe('invalidArgument');
    const hundred = Array.from({ length: 100 }, (_, i) => `r${i}@example.com`).join(', ');
    await send(gmail, { From: ALICE, To: hundred, Subject: 'exactly 100' });
  });

  it('threads a reply delivered through the control API and reports it in history.list since the prior historyId', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const sent = await send(gmail, { From: ALICE, To: 'zed@elsewhere.example', Subject: 'Offer' });
    const messageId = (await rawOf(gmail, sent.id!)).messageId!;
    const { data: profile } = await gmail.users.getProfile({ userId: 'me' });
    expect(profile).toMatchObject({ emailAddress: ALICE, messagesTotal: 1, threadsTotal: 1 });

    clock.advance(60_000);
    const reply = rawMessage({ From: 'zed@elsewhere.example', To: ALICE, Subject: 'Re: Offer', 'In-Reply-To': messageId, References: messageId }, 'Yes please');
    const delivered = await control(server, 'POST', `/mailboxes/${ALICE}/messages`, { raw: reply });
    expect(delivered.status).toBe(201);
    expect(delivered.body).toMatchObject({ threadId: sent.threadId, labelIds: ['INBOX', 'UNREAD'] });

    const { data: history } = await gmail.users.history.list({ userId: 'me', startHistoryId: profile.historyId!, historyTypes: ['messageAdded'] });
    expect(history.history).toHaveLength(1);
    expect(history.history![0]!.messagesAdded![0]!.message).toMatchObject({ threadId: sent.threadId, labelIds: ['INBOX', 'UNREAD'] });
    expect(Number(history.historyId)).toBeGreaterThan(Number(profile.historyId));

    const { data: none } = await gmail.users.history.list({ userId: 'me', startHistoryId: history.historyId! });
    expect(none.history).toBeUndefined();
    const tooOld = await failure(gmail.users.history.list({ userId: 'me', startHistoryId: '5' }));
    expect(tooOld.status).toBe(404);

    const inbox = await gmail.users.messages.list({ userId: 'me', q: 'in:inbox is:unread' });
    expect(inbox.data.messages?.map((m) => m.threadId)).toEqual([sent.threadId]);
  });

  it('finds a message by rfc822msgid, with or without angle brackets, and combines terms', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const sent = await send(gmail, { From: ALICE, To: BOB, Subject: 'Find me', 'Message-ID': '<find-me.42@iconnect.local>' });
    for (const q of ['rfc822msgid:<find-me.42@iconnect.local>', 'rfc822msgid:find-me.42@iconnect.local', 'in:sent rfc822msgid:find-me.42@iconnect.local after:1772400000']) {
      const { data } = await gmail.users.messages.list({ userId: 'me', q });
      expect(data.messages, q).toEqual([{ id: sent.id, threadId: sent.threadId }]);
    }
    const { data: empty } = await gmail.users.messages.list({ userId: 'me', q: 'rfc822msgid:nope@x in:sent after:2026/03/03' });
    expect(empty.messages).toBeUndefined();
    expect(empty.resultSizeEstimate).toBe(0);
    expect((await failure(gmail.users.messages.list({ userId: 'me', q: 'has:attachment' }))).status).toBe(400);
  });

  it('lists newest first and pages with maxResults and pageToken', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await send(gmail, { From: ALICE, To: BOB, Subject: `n${i}` })).id!);
      clock.advance(1000);
    }
    const first = await gmail.users.messages.list({ userId: 'me', maxResults: 3 });
    expect(first.data.messages?.map((m) => m.id)).toEqual(ids.slice(2).reverse());
    const second = await gmail.users.messages.list({ userId: 'me', maxResults: 3, pageToken: first.data.nextPageToken! });
    expect(second.data.messages?.map((m) => m.id)).toEqual(ids.slice(0, 2).reverse());
    expect(second.data.nextPageToken).toBeUndefined();
  });

  it('delivers to recipients that are sandbox mailboxes, without the Bcc header, in their own thread', async () => {
    const alice = await connectMailbox(server.url, ALICE);
    const bob = await connectMailbox(server.url, BOB);
    const carol = await connectMailbox(server.url, 'carol@example.com');
    const sent = await send(alice.gmail, { From: ALICE, To: BOB, Bcc: 'carol@example.com', Subject: 'Lunch?' });

    const { data: bobInbox } = await bob.gmail.users.messages.list({ userId: 'me', labelIds: ['INBOX'] });
    expect(bobInbox.messages).toHaveLength(1);
    expect(bobInbox.messages![0]!.id).not.toBe(sent.id);
    const copy = await rawOf(bob.gmail, bobInbox.messages![0]!.id!);
    expect(copy.bcc).toBeUndefined();
    expect(copy.subject).toBe('Lunch?');
    expect((await carol.gmail.users.messages.list({ userId: 'me', q: 'in:inbox' })).data.messages).toHaveLength(1);
    expect((await rawOf(alice.gmail, sent.id!)).bcc?.[0]).toMatchObject({ address: 'carol@example.com' });

    // Bob answers; the reply threads into Alice's original thread.
    const reply = await send(bob.gmail, { From: BOB, To: ALICE, Subject: 'Re: Lunch?', 'In-Reply-To': copy.messageId! });
    expect(reply.threadId).toBe(bobInbox.messages![0]!.threadId);
    const { data: thread } = await alice.gmail.users.threads.get({ userId: 'me', id: sent.threadId! });
    expect(thread.messages).toHaveLength(2);
  });

  it('accepts the mailbox address as userId and refuses another mailbox with Delegation denied', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    await gmail.users.messages.list({ userId: ALICE });
    const other = await failure(gmail.users.messages.list({ userId: BOB }));
    expect(other.status).toBe(403);
    expect(other.data.error.message).toContain('Delegation denied');
  });

  it('exposes messages through the control API, oldest first', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const a = await send(gmail, { From: ALICE, To: BOB, Subject: 'one' });
    clock.advance(1000);
    const b = await send(gmail, { From: ALICE, To: BOB, Subject: 'two' });
    const { body } = await control(server, 'GET', `/mailboxes/${ALICE}/messages`);
    const messages = body as Array<{ id: string; raw: string; labelIds: string[] }>;
    expect(messages.map((m) => m.id)).toEqual([a.id, b.id]);
    expect(Buffer.from(messages[0]!.raw, 'base64url').toString()).toContain('Subject: one');
    expect((await control(server, 'GET', '/mailboxes/nobody@example.com/messages')).status).toBe(404);
  });
});
