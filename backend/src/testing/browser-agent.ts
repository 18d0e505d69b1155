import type { Config } from '../config/config';

/**
 * What the agents talk to: the app in-process (`createTestApp`: `app.request()`), or anything with the
 * same `request` (the Worker bundle in workerd, tests/workers).
 */
export type AgentTarget = {
  app: { request(input: string, init: RequestInit): Response | Promise<Response> };
  config: Pick<Config, 'publicUrl' | 'publicOrigin'>;
};

type RequestOptions = { json?: unknown; body?: BodyInit; headers?: Record<string, string> };

/**
 * Talks to the app like a browser on the dashboard's origin: keeps the session cookie and sends
 * `Origin` on unsafe requests, as browsers do. `bearer(token)` talks like the extension instead.
 */
export function browserAgent(testApp: AgentTarget) {
  let cookie: string | undefined;
  const request = async (method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = {};
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (!['GET', 'HEAD'].includes(method)) headers.origin = testApp.config.publicOrigin;
    if (cookie) headers.cookie = cookie;
    const response = await testApp.app.request(new URL(path, testApp.config.publicUrl).toString(), {
      method,
      headers: { ...headers, ...options.headers },
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      cookie = /=$/.test(pair ?? '') || /Max-Age=0/i.test(setCookie) ? undefined : pair;
    }
    return response;
  };
  return {
    request,
    get: (path: string, options?: RequestOptions) => request('GET', path, options),
    post: (path: string, json?: unknown, options?: RequestOptions) => request('POST', path, { ...options, json }),
    patch: (path: string, json?: unknown, options?: RequestOptions) => request('PATCH', path, { ...options, json }),
    delete: (path: string, options?: RequestOptions) => request('DELETE', path, options),
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
  };
}

export type BrowserAgent = ReturnType<typeof browserAgent>;

/** Signs up a new user through the API and returns an agent signed in as them. */
export async function signedInAgent(testApp: AgentTarget, email: string, password = 'a long enough password') {
  const agent = browserAgent(testApp);
  const response = await agent.post('/api/auth/signup', { email, password });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const { user } = (await response.json()) as { user: { id: string; email: string } };
  return { agent, user, password };
}

/** Requests with an API token, as the extension makes them (no cookie, no Origin check). */
export function bearerRequest(testApp: AgentTarget, token: string) {
  return (method: string, path: string, json?: unknown, raw?: { body: string; contentType: string }) =>
    testApp.app.request(new URL(path, testApp.config.publicUrl).toString(), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(raw ? { 'content-type': raw.contentType } : json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: raw ? raw.body : json !== undefined ? JSON.stringify(json) : undefined,
    });
}
