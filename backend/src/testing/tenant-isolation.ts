import { expect } from 'vitest';
import { bearerRequest, signedInAgent, type BrowserAgent } from './browser-agent';
import type { TestApp } from './test-app';

export type OwnedRoute = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  json?: unknown;
  /** A non-JSON body (a CSV upload) with its content type. */
  raw?: { body: string; contentType: string };
};

export type IsolationCase<Ids> = {
  /** What the owner creates; returns the ids the routes need. */
  create: (owner: BrowserAgent) => Promise<Ids>;
  /** Every route that reads or changes that resource. */
  routes: (ids: Ids) => OwnedRoute[];
  /** Checks, as the owner, that the other user's attempts changed nothing. */
  unchanged: (owner: BrowserAgent, ids: Ids) => Promise<void>;
};

/**
 * Tenant isolation: a resource created by user A answers 404 (not 403: its existence is not
 * revealed) on every route to user B, by cookie and by API token alike, and stays as it was.
 */
export async function expectIsolated<Ids>(t: Pick<TestApp, 'app' | 'config'>, testCase: IsolationCase<Ids>) {
  const suffix = crypto.randomUUID().slice(0, 8);
  const owner = await signedInAgent(t, `owner-${suffix}@example.com`);
  const other = await signedInAgent(t, `other-${suffix}@example.com`);
  const { token } = (await (await other.agent.post('/api/tokens', { name: 'isolation test' })).json()) as { token: string };
  const asOtherByToken = bearerRequest(t, token);

  const ids = await testCase.create(owner.agent);
  for (const route of testCase.routes(ids)) {
    const options = route.raw
      ? { body: route.raw.body, headers: { 'content-type': route.raw.contentType } }
      : route.json === undefined
        ? {}
        : { json: route.json };
    const byCookie = await other.agent.request(route.method, route.path, options);
    expect(byCookie.status, `${route.method} ${route.path} by cookie`).toBe(404);
    const byToken = await asOtherByToken(route.method, route.path, route.json, route.raw);
    expect(byToken.status, `${route.method} ${route.path} by token`).toBe(404);
  }
  await testCase.unchanged(owner.agent, ids);
}
