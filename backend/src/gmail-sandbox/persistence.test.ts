import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { connectMailbox, control, gmailWith, send, startGmailSandboxServer } from '../testing/gmail-sandbox-harness';

describe('Gmail sandbox persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gmail-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps refresh tokens, messages, history ids, limits and quotas across a restart on the same database file', async () => {
    const dbUrl = `file:${join(dir, 'sandbox.db')}`;
    const first = await startGmailSandboxServer({ dbUrl });
    const { gmail, tokens } = await connectMailbox(first.url, 'alice@example.com');
    const sent = await send(gmail, { From: 'alice@example.com', To: 'bob@example.com', Subject: 'before restart' });
    await control(first, 'PATCH', '/mailboxes/alice@example.com', { dailyLimit: 42, quotaUnitsPerUserMinute: 15_000 });
    await control(first, 'PATCH', '/project', { quotaUnitsPerProjectMinute: 500_000 });
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
      const state = (await control(second, 'GET', '/state')).body as { project: unknown; mailboxes: Array<{ dailyLimit: number; messages: number }> };
      expect(state.mailboxes[0]).toMatchObject({ dailyLimit: 42, quotaUnitsPerMinute: 15_000, messages: 2 });
      expect(state.project).toMatchObject({ quotaUnitsPerMinute: 500_000 });
    } finally {
      await second.close();
    }
  });

  it('gives the mailboxes of a sandbox database made before quota units the 6,000-unit default', async () => {
    const dbUrl = `file:${join(dir, 'before-quota.db')}`;
    const old = createClient({ url: dbUrl });
    await old.execute(`CREATE TABLE sandbox_mailboxes (address TEXT PRIMARY KEY, sub TEXT NOT NULL, history_id INTEGER NOT NULL,
      first_history_id INTEGER NOT NULL, daily_limit INTEGER NOT NULL, per_minute_limit INTEGER NOT NULL, created_at INTEGER NOT NULL)`);
    await old.execute(`INSERT INTO sandbox_mailboxes VALUES ('old@example.com', 'sub-1', 1000, 1000, 500, 150, 0)`);
    old.close();
    const server = await startGmailSandboxServer({ dbUrl });
    try {
      const state = (await control(server, 'GET', '/state')).body as { mailboxes: unknown[] };
      expect(state.mailboxes).toEqual([expect.objectContaining({ address: 'old@example.com', dailyLimit: 500, quotaUnitsPerMinute: 6000, unitsLastMinute: 0 })]);
    } finally {
      await server.close();
    }
  });
});
