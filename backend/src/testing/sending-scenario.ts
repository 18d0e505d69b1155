import { eq } from 'drizzle-orm';
import PostalMime from 'postal-mime';
import { expect } from 'vitest';
import { DEFAULT_LEASE_MS, type EngineDeps } from '../sending/engine-deps';
import { runSchedulerTick } from '../sending/tick';
import { campaigns } from '../db/schema';
import { seededRandom } from '../lib/seeded-random';
import { signedInAgent, type BrowserAgent } from './browser-agent';
import { connectSandboxMailbox } from './connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from './sandboxed-test-app';

/**
 * A user with connected sandbox mailboxes, ready to launch campaigns and drive the scheduler tick by
 * tick with the fake clock: the real app, the real engine, the real Google client, the sandbox.
 */
export async function sendingScenario(
  options: {
    accounts?: string[];
    accountQuery?: string;
    env?: Record<string, string>;
    /** Short-lived access tokens, so a send needs a refresh (invalid_grant tests). */
    accessTokenTtlMs?: number;
    /** Seeded source for the sandbox's `rate` faults. */
    sandboxRandom?: () => number;
    /** e.g. `file:/tmp/x.db`, to open the same database from a second client. */
    databaseUrl?: string;
  } = {},
) {
  const t = await createSandboxedTestApp({
    env: options.env,
    ...(options.accessTokenTtlMs !== undefined ? { accessTokenTtlMs: options.accessTokenTtlMs } : {}),
    ...(options.sandboxRandom ? { sandboxRandom: options.sandboxRandom } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
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
    /**
     * Ticks (with `tick`, default this scenario's engine) and moves the fake clock `advanceMs`
     * after each, until the campaign is completed; fails after `maxTicks`. Returns the ticks used.
     */
    async untilCompleted(id: string, options: { advanceMs?: number; maxTicks?: number; tick?: () => Promise<unknown> } = {}) {
      const maxTicks = options.maxTicks ?? 2000;
      for (let ticks = 1; ticks <= maxTicks; ticks++) {
        await (options.tick ?? (() => runSchedulerTick(deps)))();
        const [row] = await t.db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id));
        if (row?.status === 'completed') return ticks;
        t.clock.advance(options.advanceMs ?? 30_000);
      }
      throw new Error(`campaign ${id} not completed after ${maxTicks} ticks`);
    },
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
    /**
     * How many copies of each of our Message-IDs the sandbox holds in these senders' mailboxes (the
     * SENT side): the exactly-once check. Reads only the header, so it stays fast for thousands.
     */
    async sentCopies(mailboxes: string[]) {
      const copies = new Map<string, number>();
      for (const email of mailboxes) {
        const { body } = await t.control('GET', `/mailboxes/${encodeURIComponent(email)}/messages`);
        for (const message of body as { raw: string }[]) {
          const id = messageIdOf(message.raw);
          copies.set(id, (copies.get(id) ?? 0) + 1);
        }
      }
      return copies;
    },
    close: () => t.close(),
  };
}

/** The Message-ID header of a base64url message (the headers are ASCII, no need to parse the rest). */
export function messageIdOf(raw: string): string {
  const text = Buffer.from(raw, 'base64url').toString('latin1');
  const headers = text.slice(0, text.search(/\r?\n\r?\n/));
  return /^message-id:\s*(\S+)/im.exec(headers)?.[1] ?? '(none)';
}

export type SendingScenario = Awaited<ReturnType<typeof sendingScenario>>;
export type { BrowserAgent, SandboxedTestApp };
