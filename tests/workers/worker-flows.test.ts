import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignStatsSchema, statsOverviewSchema, type CampaignStats } from '../../shared/schemas/analytics';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { suppressionListSchema } from '../../shared/schemas/suppressions';
import { bearerRequest, signedInAgent, type BrowserAgent } from '../../backend/src/testing/browser-agent';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { TEST_SECRETS } from '../../backend/src/testing/test-app';
import { startWorker } from './support/worker-instance';
import { startWorkerStack, WORKER_PUBLIC_URL, type WorkerStack } from './support/worker-stack';

/**
 * The API flows of the Node tests, against the Worker bundle wrangler builds, in workerd, over a
 * real libsql server: what `npm run deploy:worker` would run on Cloudflare with Turso.
 */

const SENDER = 'sender@work.example';
const GAPPED_SENDER = 'gapped@work.example';
const ALWAYS_OPEN = { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
// Each cron run ticks for 5 s, 200 ms apart (a deployed Worker: 50 s, 5 s apart).
const BINDINGS = { SCHEDULER_BUDGET_MS: '5000', SCHEDULER_INTERVAL_MS: '200' };

let stack: WorkerStack;
let agent: BrowserAgent;
const accountIdOf = new Map<string, string>();

beforeAll(async () => {
  stack = await startWorkerStack(BINDINGS);
  for (const mailbox of [SENDER, GAPPED_SENDER]) {
    expect((await stack.control('PATCH', `/mailboxes/${mailbox}`, { dailyLimit: 10_000, perMinuteLimit: 10_000 })).status).toBe(200);
  }
});
afterAll(() => stack?.close());

/** Creates, fills and launches a campaign from `accountEmail`; returns its id. */
async function launchCampaign(accountEmail: string, recipients: { email: string; fields?: Record<string, string> }[], body: Record<string, unknown> = {}) {
  const created = await agent.post('/api/campaigns', {
    name: `Worker campaign ${crypto.randomUUID().slice(0, 4)}`,
    subject: 'Hello {{Name | there}}',
    html: '<p>Hi {{Name | there}}, see <a href="https://example.org/pricing">our prices</a>.</p>',
    accountIds: [accountIdOf.get(accountEmail)],
    schedule: ALWAYS_OPEN,
    ...body,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = campaignSchema.parse(await created.json());
  expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);
  const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
  expect(launched.status, await launched.clone().text()).toBe(200);
  return id;
}

/** The sender's SENT messages to each address: the exactly-once check. */
async function copiesByRecipient(sender: string) {
  const copies = new Map<string, number>();
  for (const message of await stack.mailbox(sender)) {
    for (const to of message.to ?? []) copies.set(to.address!, (copies.get(to.address!) ?? 0) + 1);
  }
  return copies;
}

async function campaignStatus(id: string) {
  return campaignSchema.parse(await (await agent.get(`/api/campaigns/${id}`)).json()).status;
}

/** Tracking writes land after the answer (ctx.waitUntil): wait for them to show in the stats. */
async function statsWhen(id: string, ready: (stats: CampaignStats) => boolean): Promise<CampaignStats> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const stats = campaignStatsSchema.parse(await (await agent.get(`/api/campaigns/${id}/stats`)).json());
    if (ready(stats) || Date.now() > deadline) return stats;
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('the backend on Workers', () => {
  it('answers /health from workerd with the database reachable', async () => {
    const health = await stack.worker.fetch('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, db: 'ok' });
  });

  it('signs up with a cookie session, then works with an API token', async () => {
    ({ agent } = await signedInAgent(stack.target, 'owner@example.com'));
    expect(agent.cookie).toMatch(/^iconnect_session=/);
    expect((await (await agent.get('/api/me')).json()) as object).toMatchObject({ user: { email: 'owner@example.com' } });

    const created = await agent.post('/api/tokens', { name: 'extension' });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const me = await bearerRequest(stack.target, token)('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'owner@example.com' }, auth: 'token' });
    expect((await bearerRequest(stack.target, 'ick_not-a-real-token')('GET', '/api/me')).status).toBe(401);
  });

  it('connects sandbox Gmail accounts through the consent page and the OAuth callback', async () => {
    for (const email of [SENDER, GAPPED_SENDER]) {
      const { callbackUrl, response } = await connectSandboxMailbox(agent, email, { query: 'timezone=UTC' });
      // Google (here the sandbox) sends the browser back to PUBLIC_URL's callback.
      expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(`${WORKER_PUBLIC_URL}/oauth/google/callback`);
      expect(response!.status).toBeLessThan(400);
    }
    const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
    expect(accounts.map((account) => [account.email, account.status]).sort()).toEqual([
      [GAPPED_SENDER, 'ok'],
      [SENDER, 'ok'],
    ]);
    for (const account of accounts) accountIdOf.set(account.email, account.id);
    for (const account of accounts) {
      const gap = account.email === GAPPED_SENDER ? 1 : 0;
      expect((await agent.patch(`/api/accounts/${account.id}`, { minGapSeconds: gap, maxGapSeconds: gap })).status).toBe(200);
    }
  });

  let campaignId: string;
  const people = ['ada', 'bo', 'cy', 'di', 'ed'].map((name) => ({ email: `${name}@example.com`, fields: { Name: name } }));

  it('sends a campaign from scheduled(), exactly once per recipient', async () => {
    campaignId = await launchCampaign(SENDER, people);
    expect((await stack.worker.scheduled()).outcome).toBe('ok');
    expect(await campaignStatus(campaignId)).toBe('completed');
    // Another cron run finds nothing left to send.
    expect((await stack.worker.scheduled()).outcome).toBe('ok');

    const copies = await copiesByRecipient(SENDER);
    expect([...copies.entries()].sort()).toEqual(people.map((person) => [person.email, 1]).sort());
    const [first] = await stack.mailbox(SENDER);
    expect(first!.subject).toMatch(/^Hello (ada|bo|cy|di|ed)$/);
    // RFC 8058 one-click unsubscribe, pointing at the Worker.
    expect(first!.headers.find((h) => h.key === 'list-unsubscribe')?.value).toContain(`<${WORKER_PUBLIC_URL}/u/`);
    expect(first!.headers.find((h) => h.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
  });

  it('records the open pixel and a click, written after the answer through waitUntil', async () => {
    const [message] = await stack.mailbox(SENDER);
    const html = message!.html!;
    const pixel = new URL(/src="([^"]*\/t\/o\/[^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&'));
    const link = new URL(/href="([^"]*\/t\/c\/[^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&'));
    expect(pixel.origin).toBe(WORKER_PUBLIC_URL);

    const opened = await stack.worker.fetch(pixel.pathname, { headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) Thunderbird/128.0' } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/gif');
    expect((await opened.arrayBuffer()).byteLength).toBe(42);

    const clicked = await stack.worker.fetch(link.pathname, { headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) Firefox/130.0' } });
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get('location')).toBe('https://example.org/pricing');

    const stats = await statsWhen(campaignId, (s) => s.opens.total >= 1 && s.clicks.total >= 1);
    expect(stats.opens).toMatchObject({ unique: 1, total: 1 });
    expect(stats.clicks).toMatchObject({ unique: 1, total: 1 });
    expect(stats.links).toEqual([expect.objectContaining({ url: 'https://example.org/pricing', clicks: 1 })]);
  });

  it('unsubscribes with one click (RFC 8058): no cookie, the signed link is enough', async () => {
    const [message] = await stack.mailbox(SENDER);
    const header = message!.headers.find((h) => h.key === 'list-unsubscribe')!.value;
    const unsubscribe = new URL(/<(https?:[^>]+)>/.exec(header)![1]!);
    const leaving = message!.to![0]!.address!;

    const page = await stack.worker.fetch(unsubscribe.pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(leaving);
    const posted = await stack.worker.fetch(unsubscribe.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe('Unsubscribed.');

    const { suppressions } = suppressionListSchema.parse(await (await agent.get('/api/suppressions')).json());
    expect(suppressions).toEqual([expect.objectContaining({ email: leaving, reason: 'unsubscribed' })]);
  });

  it('reports sends, opens, clicks and the unsubscribe in the stats and the overview', async () => {
    const stats = await statsWhen(campaignId, (s) => s.unsubscribed === 1);
    expect(stats).toMatchObject({ sent: 5, unsubscribed: 1, opens: { unique: 1 }, clicks: { unique: 1 } });
    const overview = statsOverviewSchema.parse(await (await agent.get('/api/stats/overview')).json());
    expect(overview).toMatchObject({ messagesSent: 5 });
  });

  it('keeps ticking within one cron run, so an account sends at its own gap', async () => {
    const id = await launchCampaign(GAPPED_SENDER, ['fa', 'gu', 'ha'].map((name) => ({ email: `${name}@example.com` })), {
      tracking: { opens: false, clicks: false },
    });
    const started = Date.now();
    await stack.worker.scheduled();
    // One invocation sent all three, a gap (1 s) apart: one tick per cron minute would have sent one.
    expect(await campaignStatus(id)).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const db = createClient({ url: stack.sqld.url });
    try {
      const rows = (await db.execute({ sql: 'SELECT sent_at FROM send_jobs WHERE campaign_id = ? ORDER BY sent_at', args: [id] })).rows;
      const sentAt = rows.map((row) => Number(row.sent_at));
      expect(sentAt).toHaveLength(3);
      for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(1_000);
    } finally {
      db.close();
    }
    expect([...(await copiesByRecipient(GAPPED_SENDER)).values()]).toEqual([1, 1, 1]);
  });

  it('never sends twice when two cron runs overlap', async () => {
    const crowd = Array.from({ length: 30 }, (_, i) => ({ email: `crowd${i}@example.com` }));
    const id = await launchCampaign(SENDER, crowd, { tracking: { opens: false, clicks: false } });
    const runs = await Promise.all([stack.worker.scheduled(), stack.worker.scheduled()]);
    expect(runs.map((run) => run.outcome)).toEqual(['ok', 'ok']);
    expect(await campaignStatus(id)).toBe('completed');
    const copies = await copiesByRecipient(SENDER);
    for (const person of crowd) expect(copies.get(person.email), person.email).toBe(1);
  });

  it('refuses to serve with an ENCRYPTION_KEY that cannot read the stored Gmail tokens, as Node refuses to start', async () => {
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    const misconfigured = await startWorker({ ...TEST_SECRETS, ENCRYPTION_KEY: otherKey, DATABASE_URL: stack.sqld.url, PUBLIC_URL: WORKER_PUBLIC_URL, GMAIL_SANDBOX_URL: stack.sandbox.url });
    try {
      const health = await misconfigured.fetch('/health');
      expect(health.status).toBe(500);
      expect(await health.text()).toBe('This server is not configured correctly: see its logs.');
    } finally {
      await misconfigured.close();
    }
  });

  it('answers 503 while the database cannot be reached, and never a stack trace', async () => {
    const unreachable = await startWorker({ ...TEST_SECRETS, DATABASE_URL: 'http://127.0.0.1:9', PUBLIC_URL: WORKER_PUBLIC_URL, GMAIL_SANDBOX_URL: stack.sandbox.url });
    try {
      const health = await unreachable.fetch('/health');
      expect(health.status).toBe(503);
      expect(health.headers.get('retry-after')).toBe('5');
    } finally {
      await unreachable.close();
    }
  });
});
