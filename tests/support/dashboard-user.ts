/**
 * A user of a backend started by an e2e test, made the way the dashboard makes one: sign-up over
 * HTTP (a session cookie, same-origin), then an API token for the extension.
 */

export const E2E_PASSWORD = 'correct horse battery staple';

export type DashboardUser = { email: string; cookie: string; token: string };

/** Signs `email` up on `serverUrl` and creates an API token named `tokenName`. Throws with the server's answer on failure. */
export async function signUpWithToken(serverUrl: string, email: string, tokenName = 'e2e extension'): Promise<DashboardUser> {
  const signup = await fetch(`${serverUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl },
    body: JSON.stringify({ email, password: E2E_PASSWORD }),
  });
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
  const cookie = signup.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0])
    .join('; ');
  const created = await fetch(`${serverUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl, cookie },
    body: JSON.stringify({ name: tokenName }),
  });
  const body: unknown = await created.json();
  if (created.status !== 201 || typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string') {
    throw new Error(`POST /api/tokens answered ${created.status}: ${JSON.stringify(body)}`);
  }
  return { email, cookie, token: body.token };
}

/** JSON from the API with the user's bearer token; throws on an error status. */
export async function apiJson(serverUrl: string, token: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${serverUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const body: unknown = await response.json();
  if (!response.ok || typeof body !== 'object' || body === null) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}
