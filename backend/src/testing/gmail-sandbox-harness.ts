/**
 * Test helpers: a sandbox on a loopback port and the OAuth dance done the way a browser and the
 * product would, through the real google-auth-library and @googleapis/gmail.
 */
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { OAuth2Client, type Credentials } from 'google-auth-library';
import { startGmailSandboxServer, type GmailSandboxServer } from '../gmail-sandbox/node-server';
import { fakeClock } from '../lib/clock';
import { useEach } from './use-test-app';

export const REDIRECT_URI = 'http://127.0.0.1:9/oauth/callback';
export const CLIENT = { clientId: 'iconnect-test.apps.googleusercontent.com', clientSecret: 'sandbox-secret' };
export const SEND_SCOPES = ['https://www.googleapis.com/auth/gmail.send', 'https://www.googleapis.com/auth/gmail.readonly', 'email'];

export function oauthClient(base: string, extra: { forceRefreshOnFailure?: boolean } = {}) {
  return new OAuth2Client({
    ...CLIENT,
    redirectUri: REDIRECT_URI,
    endpoints: { oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`, oauth2TokenUrl: `${base}/token`, oauth2RevokeUrl: `${base}/revoke` },
    ...extra,
  });
}

/** Opens the consent page, submits it, and returns the redirect's parameters. */
export async function consent(authUrl: string, email: string, decision: 'allow' | 'deny' = 'allow') {
  const page = await fetch(authUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  const response = await fetch(authUrl, {
    method: 'POST',
    body: new URLSearchParams({ email, decision }),
    redirect: 'manual',
  });
  if (response.status !== 302) throw new Error(`consent POST answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!).searchParams;
}

/** The full authorization-code flow with PKCE; returns an authorised OAuth2Client and Gmail client. */
export async function connectMailbox(base: string, email: string, options: { scopes?: string[]; rootUrl?: string; offline?: boolean } = {}) {
  const auth = oauthClient(base);
  const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
  const url = auth.generateAuthUrl({
    access_type: options.offline === false ? 'online' : 'offline',
    prompt: 'consent',
    scope: options.scopes ?? SEND_SCOPES,
    state: 'state-123',
    code_challenge: codeChallenge!,
    code_challenge_method: 'S256' as never,
    login_hint: email,
  });
  const params = await consent(url, email);
  const { tokens } = await auth.getToken({ code: params.get('code')!, codeVerifier });
  auth.setCredentials(tokens);
  const client = gmail({ version: 'v1', auth, rootUrl: options.rootUrl ?? `${base}/` });
  return { auth, gmail: client, tokens };
}

export function gmailWith(base: string, credentials: Credentials, extra: { forceRefreshOnFailure?: boolean } = {}) {
  const auth = oauthClient(base, extra);
  auth.setCredentials(credentials);
  return { auth, gmail: gmail({ version: 'v1', auth, rootUrl: `${base}/` }) };
}

/** A plain RFC 5322 message as base64url, CRLF line endings. */
export function rawMessage(headers: Record<string, string>, body = 'Hello from the sandbox test.'): string {
  const text = [...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
  return Buffer.from(text, 'utf8').toString('base64url');
}

export async function send(client: gmail_v1.Gmail, headers: Record<string, string>, threadId?: string) {
  const { data } = await client.users.messages.send({ userId: 'me', requestBody: { raw: rawMessage(headers), ...(threadId ? { threadId } : {}) } });
  return data;
}

/** Control API helper. */
export async function control(server: GmailSandboxServer, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The GaxiosError fields the product reads. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number | undefined; data: any; headers: Headers | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; response?: { status?: number; data?: unknown; headers?: Headers } };
    return { status: e.status ?? e.response?.status, data: e.response?.data as any, headers: e.response?.headers };
  }
  throw new Error('expected the call to fail');
}

export { startGmailSandboxServer };

/**
 * A fresh sandbox for every test, on a fake Google clock set back to the same start before each:
 * a test moves `clock` to make time pass at Google.
 */
export function sandboxServerEach() {
  const clock = fakeClock('2026-03-02T10:00:00Z');
  const server = useEach(async () => {
    clock.set('2026-03-02T10:00:00Z');
    return startGmailSandboxServer({ clock });
  });
  return { server, clock };
}
