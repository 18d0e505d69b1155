import type { BrowserAgent } from '../../backend/src/testing/browser-agent';
import type { TestApp } from '../../backend/src/testing/test-app';
import { createApiClient } from '../../extension/api/api-client';

/**
 * The extension's real API client for the agent's user, with a fresh API token, talking to the app
 * in-process. Between them, the network: while `isOnline()` is false every request fails as a
 * browser's fetch does offline; `onRequest` sees each one go out.
 */
export async function extensionApiClient(
  t: TestApp,
  agent: BrowserAgent,
  email: string,
  network: { isOnline(): boolean; onRequest?(method: string, path: string): void },
) {
  const { token } = (await (await agent.post('/api/tokens', { name: 'Chrome' })).json()) as { token: string };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    network.onRequest?.(init?.method ?? 'GET', new URL(String(input)).pathname);
    if (!network.isOnline()) throw new TypeError('Failed to fetch');
    return t.app.request(String(input), init);
  }) as typeof globalThis.fetch;
  const connection = { id: 'current' as const, serverUrl: t.config.publicUrl, token, userId: 'u', email, connectedAt: '' };
  return createApiClient({ fetch, store: { get: async () => connection }, timeoutMs: 5_000 });
}
