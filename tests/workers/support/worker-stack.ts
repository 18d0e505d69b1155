import PostalMime from 'postal-mime';
import { startGmailSandboxServer } from '../../../backend/src/gmail-sandbox/node-server';
import { sandboxControl } from '../../../backend/src/testing/sandboxed-test-app';
import { TEST_SECRETS } from '../../../backend/src/testing/test-app';
import type { AgentTarget } from '../../../backend/src/testing/browser-agent';
import { migrateDatabase } from '../../../scripts/migrate-database';
import { startSqld } from './sqld';
import { startWorker } from './worker-instance';

/** Where the Worker believes it is served (links, cookies, OAuth redirect); miniflare routes any host to it. */
export const WORKER_PUBLIC_URL = 'https://iconnect.example.workers.dev';

/**
 * Everything a deployed Worker talks to, on loopback: a real libsql server (Turso's) migrated by
 * `npm run db:migrate`'s function, the Gmail sandbox on Node, and the built Worker in workerd with the
 * secrets `wrangler secret put` would set.
 */
export async function startWorkerStack(bindings: Record<string, string> = {}) {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const sqld = await startSqld();
    cleanups.push(sqld.stop);
    await migrateDatabase({ url: sqld.url });
    const sandbox = await startGmailSandboxServer();
    cleanups.push(sandbox.close);
    const worker = await startWorker({
      ...TEST_SECRETS,
      DATABASE_URL: sqld.url,
      GMAIL_SANDBOX_URL: sandbox.url,
      PUBLIC_URL: WORKER_PUBLIC_URL,
      ...bindings,
    });
    cleanups.push(worker.close);
    const target: AgentTarget = {
      app: { request: (input, init) => worker.fetch(input, init) },
      config: { publicUrl: WORKER_PUBLIC_URL, publicOrigin: new URL(WORKER_PUBLIC_URL).origin },
    };

    const control = sandboxControl(sandbox.url);

    return {
      sqld,
      sandbox,
      worker,
      /** The sandbox's control API (mailboxes, limits), as scripts use it. */
      control,
      /** What `signedInAgent` and `bearerRequest` talk to: the Worker, at PUBLIC_URL. */
      target,
      /** What a sandbox mailbox holds, parsed, oldest first. */
      async mailbox(email: string) {
        const { body } = await control('GET', `/mailboxes/${encodeURIComponent(email)}/messages`);
        return Promise.all(
          (body as { raw: string }[]).map(async (message) => PostalMime.parse(Buffer.from(message.raw, 'base64url'))),
        );
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export type WorkerStack = Awaited<ReturnType<typeof startWorkerStack>>;
