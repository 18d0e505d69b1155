import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectMailbox, control, gmailWith, send, startGmailSandboxServer } from '../testing/gmail-sandbox-harness';

describe('Gmail sandbox persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gmail-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps refresh tokens, messages, history ids and limits across a restart on the same database file', async () => {
    const dbUrl = `file:${join(dir, 'sandbox.db')}`;
    const first = await startGmailSandboxServer({ dbUrl });
    const { gmail, tokens } = await connectMailbox(first.url, 'alice@example.com');
    const sent = await send(gmail, { From: 'alice@example.com', To: 'bob@example.com', Subject: 'before restart' });
    await control(first, 'PATCH', '/mailboxes/alice@example.com', { dailyLimit: 42 });
    const { data: before } = await gmail.users.getProfile({ userId: 'me' });
    await first.close();

    const second = await startGmailSandboxServer({ dbUrl });
    try {
      // A new port: only the refresh token travels, as it would in the product's database.
      const { gmail: again, auth } = gmailWith(second.url, { refresh_token: tokens.refresh_token! });
      const { data: list } = await again.users.messages.list({ userId: 'me', q: 'in:sent' });
      expect(list.messages).toEqual([{ id: sent.id, threadId: sent.threadId }]);
      expect(auth.credentials.access_token).toMatch(/^ya29\./);
      const { data: after } = await again.users.getProfile({ userId: 'me' });
      expect(after.historyId).toBe(before.historyId);
      const next = await send(again, { From: 'alice@example.com', To: 'bob@example.com', Subject: 'after restart' });
      expect(Number((await again.users.messages.get({ userId: 'me', id: next.id!, format: 'minimal' })).data.historyId)).toBeGreaterThan(Number(before.historyId));
      const state = (await control(second, 'GET', '/state')).body as { mailboxes: Array<{ dailyLimit: number; messages: number }> };
      expect(state.mailboxes[0]).toMatchObject({ dailyLimit: 42, messages: 2 });
    } finally {
      await second.close();
    }
  });
});
