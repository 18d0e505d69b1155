import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountListSchema } from '../../shared/schemas/accounts';
import { attachmentSchema } from '../../shared/schemas/attachments';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { fileBytes, uploadAttachment } from '../../backend/src/attachments/testing/upload-attachment';
import { signedInAgent, type BrowserAgent } from '../../backend/src/testing/browser-agent';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { startWorkerStack, type WorkerStack } from './support/worker-stack';

/**
 * Campaign files on Workers (issue 18): stored as BLOBs over the libsql HTTP client, sent from
 * scheduled() in workerd, a large one through the upload endpoint (media, then multipart in thread).
 */
const SENDER = 'files@work.example';
const ALWAYS_OPEN = { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const digest = (bytes: ArrayBuffer | Uint8Array | string) => createHash('sha256').update(typeof bytes === 'string' ? Buffer.from(bytes) : new Uint8Array(bytes as ArrayBuffer)).digest('hex');

let stack: WorkerStack;
let agent: BrowserAgent;

beforeAll(async () => {
  stack = await startWorkerStack({ SCHEDULER_BUDGET_MS: '5000', SCHEDULER_INTERVAL_MS: '200' });
  agent = (await signedInAgent(stack.target, `files-${crypto.randomUUID().slice(0, 6)}@example.com`)).agent;
  await connectSandboxMailbox(agent, SENDER, { query: 'timezone=UTC' });
});
afterAll(() => stack?.close());

describe('campaign files on Workers', () => {
  it('stores an uploaded file and sends it, a 6 MB one through the upload endpoint, intact', async () => {
    const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
    const accountId = accounts.find((account) => account.email === SENDER)!.id;
    expect((await agent.patch(`/api/accounts/${accountId}`, { minGapSeconds: 0, maxGapSeconds: 0 })).status).toBe(200);
    const created = await agent.post('/api/campaigns', {
      name: 'Files on Workers', subject: 'Your file', html: '<p>Attached.</p>', accountIds: [accountId], schedule: ALWAYS_OPEN,
      followUps: [{ delayHours: 0, html: '<p>Again.</p>', condition: 'always' }],
    });
    const { id } = campaignSchema.parse(await created.json());
    const big = fileBytes(4.6 * 1024 * 1024, 9);
    const uploaded = await uploadAttachment(agent, id, 'Catálogo 2026.zip', big);
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    expect(attachmentSchema.parse(await uploaded.json())).toMatchObject({ size: big.length, sha256: digest(big) });
    expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients: [{ email: 'ann@example.com' }] })).status).toBe(201);
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    expect(launched.status, await launched.clone().text()).toBe(200);

    for (let run = 0; run < 3 && campaignSchema.parse(await (await agent.get(`/api/campaigns/${id}`)).json()).status !== 'completed'; run++) {
      expect((await stack.worker.scheduled()).outcome).toBe('ok');
    }
    const { body } = await stack.control('GET', '/sends');
    expect((body as { sends: { endpoint: string }[] }).sends.map((send) => send.endpoint)).toEqual(['upload-media', 'upload-multipart']);
    const sent = await stack.mailbox(SENDER);
    expect(sent).toHaveLength(2);
    for (const message of sent) {
      expect(message.attachments[0]!.filename).toBe('Catálogo 2026.zip');
      expect(digest(message.attachments[0]!.content)).toBe(digest(big));
    }
  }, 120_000);
});
