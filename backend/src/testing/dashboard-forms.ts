import { beforeEach } from 'vitest';
import { browserAgent, type AgentTarget, type BrowserAgent } from './browser-agent';
import { createTestApp, type TestApp } from './test-app';
import { liveHandle, useEach } from './use-test-app';

/** Posts an HTML form as a browser does: urlencoded, with the agent's cookie and Origin. */
export function postForm(agent: BrowserAgent, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return agent.request('POST', path, {
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

/** Posts the dashboard's sign-up form as typed, whatever the server makes of it. */
export function postSignUpForm(agent: BrowserAgent, email: string, password: string, passwordConfirmation = password) {
  return postForm(agent, '/signup', { email, password, passwordConfirmation });
}

/** Signs up through the dashboard's form; the agent is then signed in. */
export async function signUpWithForm(agent: BrowserAgent, email: string, password = 'a long enough password') {
  const response = await postSignUpForm(agent, email, password);
  if (response.status !== 303) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return response;
}

type Closable = AgentTarget & { close(): unknown };

/**
 * A fresh test app (or what `make` makes) for every test, with a user signed up through the dashboard's form as `email`;
 * `agent` is their browser, signed in.
 *
 * @example
 * const { t, agent } = signedUpWithFormEach('ada@example.com');
 */
export function signedUpWithFormEach(email: string): { t: TestApp; agent: BrowserAgent };
export function signedUpWithFormEach<T extends Closable>(email: string, make: () => Promise<T>): { t: T; agent: BrowserAgent };
export function signedUpWithFormEach(email: string, make: () => Promise<Closable> = () => createTestApp()) {
  const t = useEach(make);
  let current: BrowserAgent | undefined;
  beforeEach(async () => {
    current = browserAgent(t);
    await signUpWithForm(current, email);
  });
  return { t, agent: liveHandle(() => current) };
}
