import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/random';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from '../testing/sandboxed-test-app';
import { importRecord } from './import-record';

let t: SandboxedTestApp;
let agent: BrowserAgent;
let accountId: string;
beforeEach(async () => {
  t = await createSandboxedTestApp();
  ({ agent } = await signedInAgent(t, 'importer@example.com'));
  await connectSandboxMailbox(agent, 'sender@gmail.com', { query: 'timezone=UTC' });
  accountId = (await (await agent.get('/api/accounts')).json()).accounts[0].id;
});
afterEach(() => t.close());

describe('a launch and an import into the same campaign', () => {
  it('refuses the launch while the import runs, in the import’s words, and launches once it is done', async () => {
    const { id } = await (await agent.post('/api/campaigns', { name: 'Half a list?', subject: 'Hi', html: '<p>Hi</p>', accountIds: [accountId] })).json();
    const csv = 'email\nada@example.com\ngrace@example.com\n';
    expect((await agent.request('POST', `/api/campaigns/${id}/recipients/import`, { body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201);
    // A second file still being written (its first batch is in, the rest to come).
    const userId = String((await t.client.execute({ sql: 'SELECT user_id FROM campaigns WHERE id = ?', args: [id] })).rows[0]!.user_id);
    const importId = newId('imp');
    await importRecord.start(t.db, { id: importId, campaignId: id, userId, now: t.clock.now() });

    const refused = await agent.post(`/api/campaigns/${id}/launch`, {});
    expect(refused.status).toBe(409);
    const problem = await refused.json();
    expect(problem.detail).toMatch(/still being imported/);
    expect((await (await agent.get(`/api/campaigns/${id}`)).json()).status).toBe('draft');

    await t.client.execute({ sql: "UPDATE recipient_imports SET status = 'done' WHERE id = ?", args: [importId] });
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    expect(launched.status).toBe(200);
    expect((await launched.json()).status).toBe('sending');
  });
});
