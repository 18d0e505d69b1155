import { afterEach, beforeEach } from 'vitest';
import { signedInAgent, type AgentTarget, type BrowserAgent } from './browser-agent';
import { createTestApp, type TestApp } from './test-app';

/**
 * A stand-in for a value a `beforeEach` makes afresh for every test: each property read goes to the
 * current one. So a file can name it once, at the top, as a `const`, instead of a `let` assigned in
 * hooks; passing it on (`signedInAgent(t, …)`) passes the current one too.
 */
export function liveHandle<T extends object>(current: () => T | undefined): T {
  const now = () => {
    const value = current();
    if (value === undefined) throw new Error('used outside a test: the beforeEach that makes it has not run');
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(now(), key),
    set: (_, key, value) => Reflect.set(now(), key, value),
    has: (_, key) => Reflect.has(now(), key),
  });
}

/**
 * Makes a fresh `T` before every test of this file (or of the `describe` it is called in) and closes
 * it after; returns the live handle to it.
 */
export function useEach<T extends { close(): unknown }>(make: () => Promise<T>): T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return liveHandle(() => current);
}

/**
 * A fresh test app for every test of this file (or of the `describe` it is called in), closed after
 * it.
 *
 * @example
 * const t = useTestApp();
 * it('answers', async () => expect((await t.app.request('/health')).status).toBe(200));
 */
export function useTestApp(options?: Parameters<typeof createTestApp>[0]): TestApp {
  return useEach(() => createTestApp(options));
}

/**
 * A fresh test app (or what `make` makes) for every test, with a user signed up through the API as
 * `email` and an agent signed in as them.
 *
 * @example
 * const { t, agent } = signedInEach('ada@example.com');
 * const { t, agent } = signedInEach('ada@example.com', () => createSandboxedTestApp());
 */
export function signedInEach(email: Email): SignedIn<TestApp>;
export function signedInEach<T extends Closable>(email: Email, make: () => Promise<T>): SignedIn<T>;
export function signedInEach(email: Email, make: () => Promise<Closable> = () => createTestApp()): SignedIn<Closable> {
  const t = useEach(make);
  let current: Omit<SignedIn<Closable>, 't'> | undefined;
  beforeEach(async () => {
    current = await signedInAgent(t, typeof email === 'function' ? email() : email);
  });
  return {
    t,
    agent: liveHandle(() => current?.agent),
    user: liveHandle(() => current?.user),
  };
}

/** An address, or a maker of one for each test. */
type Email = string | (() => string);
type Closable = AgentTarget & { close(): unknown };
type SignedIn<T> = { t: T; agent: BrowserAgent; user: { id: string; email: string } };

/**
 * Wraps a maker (a scenario, a sandboxed app) so that all it made during a test is closed after it:
 * for tests that make their own, with options of their own.
 *
 * @example
 * const scenario = closedAfterEach(sendingScenario);
 * it('sends', async () => { const s = await scenario({ accounts: 2 }); … });
 */
export function closedAfterEach<A extends unknown[], T extends { close(): unknown }>(make: (...args: A) => Promise<T>) {
  const opened: T[] = [];
  afterEach(async () => {
    for (const made of opened.splice(0)) await made.close();
  });
  return async (...args: A): Promise<T> => {
    const made = await make(...args);
    opened.push(made);
    return made;
  };
}
