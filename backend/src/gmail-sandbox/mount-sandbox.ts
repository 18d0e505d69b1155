import type { Client } from '@libsql/client';
import type { Hono } from 'hono';
import { gmailSandboxEndpoints, type GoogleEndpoints } from '../gmail/google-endpoints';
import { createGmailSandbox } from './index';
import type { SandboxClock } from './sandbox-deps';

/** Where `npm start` serves the sandbox when no Google credentials are configured. */
export const SANDBOX_PATH = '/sandbox/google';

type Urls = { publicUrl: string; serverOrigin: string };

/** The endpoints the Google client uses to reach a sandbox mounted by `mountGmailSandbox`. */
export function mountedSandboxEndpoints(urls: Urls): GoogleEndpoints {
  return gmailSandboxEndpoints({
    browserBase: `${urls.publicUrl}${SANDBOX_PATH}`,
    serverBase: `${urls.serverOrigin}${SANDBOX_PATH}`,
    gmailRootUrl: urls.serverOrigin,
  });
}

/** Serves the Gmail sandbox from the product's own server. */
export function mountGmailSandbox(app: Hono, options: Urls & { db: Client; clock: SandboxClock }): void {
  const sandbox = createGmailSandbox({ db: options.db, clock: options.clock, basePath: `${options.publicUrl}${SANDBOX_PATH}` });
  app.route(SANDBOX_PATH, sandbox.app);
  // The Gmail client keeps only the origin of its rootUrl, so the API routes live at the root.
  app.route('/', sandbox.gmailApi);
}
