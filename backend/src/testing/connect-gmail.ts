import { expect } from 'vitest';
import type { BrowserAgent } from './browser-agent';

/**
 * Connects a sandbox mailbox the way a person does: the dashboard's connect link, the consent page,
 * the form's Allow, and the redirect back to our callback. Returns the final response and the
 * intermediate URLs so tests can replay or tamper with them.
 */
export async function connectSandboxMailbox(
  agent: BrowserAgent,
  email: string,
  options: { query?: string; stopBeforeCallback?: boolean } = {},
) {
  const start = await agent.get(`/api/accounts/connect${options.query ? `?${options.query}` : ''}`);
  expect(start.status).toBe(302);
  const consentUrl = start.headers.get('location')!;
  const consentPage = await fetch(consentUrl);
  expect(consentPage.status).toBe(200);
  const callbackUrl = await allowAtConsent(consentUrl, email);
  if (options.stopBeforeCallback) return { consentUrl, callbackUrl, response: null };
  const response = await agent.get(callbackUrl.pathname + callbackUrl.search);
  return { consentUrl, callbackUrl, response };
}

/** Submits the sandbox's consent page with Allow for `email`; returns where it sends the browser back. */
export async function allowAtConsent(consentUrl: string, email: string): Promise<URL> {
  const allow = await fetch(consentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, decision: 'allow' }),
    redirect: 'manual',
  });
  expect(allow.status).toBe(302);
  return new URL(allow.headers.get('location')!);
}
