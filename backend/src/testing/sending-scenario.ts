import PostalMime from 'postal-mime';
import { expect } from 'vitest';
import { DEFAULT_LEASE_MS, type EngineDeps } from '../sending/engine-deps';
import { runSchedulerTick } from '../sending/tick';
import { seededRandom } from '../lib/seeded-random';
import { signedInAgent, type BrowserAgent } from './browser-agent';
import { connectSandboxMailbox } from './connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from './sandboxed-test-app';

/**
 * A user with connected sandbox mailboxes, ready to launch campaigns and drive the scheduler tick by
 * tick with the fake clock: the real app, the real engine, the real Google client, the sandbox.
 */
export async function sendingScenario(options: { accounts?: string[]; accountQuery?: string; env?: Record<string, string> } = {}) {
  const t = await createSandboxedTestApp({ env: options.env });
  const { agent } = await signedInAgent(t, `sender-${crypto.randomUUID().slice(0, 6)}@example.com`);
  const accountIds: string[] = [];
  for (const email of options.accounts ?? ['sender@gmail.com']) {
    await connectSandboxMailbox(agent, email, { query: options.accountQuery ?? 'timezone=UTC' });
  }
  const { accounts } = await (await agent.get('/api/accounts')).json();
  for (const account of accounts) accountIds.push(account.id);

  const engine = (overrides: Partial<EngineDeps> = {}): EngineDeps => ({
    ...t.deps,
    random: seededRandom(42),
    workerId: 'test-worker',
    leaseMs: DEFAULT_LEASE_MS,
    ...overrides,
  });
  const deps = engine();

  return {
    t,
    agent,
    accountIds,
    engine,
    tick: (maxSends?: number) => runSchedulerTick(deps, maxSends === undefined ? {} : { maxSends }),
    /** Creates and launches a campaign; returns its id. */
    async launch(body: Record<string, unknown>, recipients: { email: string; fields?: Record<string, string> }[], launch: Record<string, unknown> = {}) {
      const created = await agent.post('/api/campaigns', { name: 'Test campaign', accountIds, ...body });
      expect(created.status).toBe(201);
      const { id } = await created.json();
      const added = await agent.post(`/api/campaigns/${id}/recipients`, { recipients });
      expect(added.status).toBe(201);
      const launched = await agent.post(`/api/campaigns/${id}/launch`, launch);
      expect(launched.status, await launched.clone().text()).toBe(200);
      return id as string;
    },
    /** The messages in a sandbox mailbox, parsed, oldest first. */
    async mailbox(email: string) {
      const { body } = await t.control('GET', `/mailboxes/${encodeURIComponent(email)}/messages`);
      return Promise.all(
        (body as { id: string; threadId: string; labelIds: string[]; raw: string }[]).map(async (message) => ({
          ...message,
          parsed: await PostalMime.parse(Buffer.from(message.raw, 'base64url')),
        })),
      );
    },
    async campaign(id: string) {
      return (await agent.get(`/api/campaigns/${id}`)).json();
    },
    close: () => t.close(),
  };
}

export type SendingScenario = Awaited<ReturnType<typeof sendingScenario>>;
export type { BrowserAgent, SandboxedTestApp };
