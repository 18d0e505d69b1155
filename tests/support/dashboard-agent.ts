import { browserAgent, type BrowserAgent } from '../../backend/src/testing/browser-agent';

/**
 * The backend tests' BrowserAgent (backend/src/testing/browser-agent.ts) over real HTTP to a
 * backend an e2e test started, signed in with a dashboard session `cookie`: helpers written for
 * `app.request()`, such as connectSandboxMailbox, run unchanged against the real process.
 * Redirects are answered, not followed, as `app.request()` does.
 *
 * @example
 * const { response } = await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), 'sender@example.com');
 */
export function dashboardAgent(serverUrl: string, cookie: string): BrowserAgent {
  const agent = browserAgent({
    app: { request: (input, init) => fetch(input, { ...init, redirect: 'manual' }) },
    config: { publicUrl: serverUrl, publicOrigin: new URL(serverUrl).origin },
  });
  agent.cookie = cookie;
  return agent;
}
