import { describe, expect, it } from 'vitest';
import { signedInAgent } from '../testing/browser-agent';
import { createTestApp } from '../testing/test-app';
import { useTestApp } from '../testing/use-test-app';

const t = useTestApp();

async function expectProblem(response: Response, status: number, type: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.json();
  expect(body).toMatchObject({ type: `/problems/${type}`, status });
  expect(typeof body.title).toBe('string');
  return body;
}

/** A token create posted as raw text of the given content type, by a new user signed in as `email`. */
async function postTokensAs(email: string, body: string, contentType: string) {
  const { agent } = await signedInAgent(t, email);
  return agent.request('POST', '/api/tokens', { body, headers: { 'content-type': contentType } });
}

describe('errors are RFC 9457 problems', () => {
  it('answers malformed JSON with 400', async () => {
    const response = await postTokensAs('a@example.com', '{"name":', 'application/json');
    await expectProblem(response, 400, 'malformed-body');
  });

  it('answers a JSON body over 1 MB with 413, before reading it all', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    const body = await expectProblem(
      await postTokensAs('b@example.com', big, 'application/json'),
      413,
      'payload-too-large',
    );
    expect(body.detail).toMatch(/1 MB/);
  });

  it('counts a streamed body without Content-Length against the limit too', async () => {
    const small = await createTestApp({ bodyLimits: { jsonBytes: 1000, csvBytes: 5000 } });
    const { agent } = await signedInAgent(small, 'c@example.com');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(200)));
        controller.close();
      },
    });
    const response = await small.app.request('http://localhost:8787/api/tokens', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json', cookie: agent.cookie!, origin: 'http://localhost:8787' },
      duplex: 'half',
    } as RequestInit);
    await expectProblem(response, 413, 'payload-too-large');
    small.close();
  });

  it('answers a JSON route sent as a form with 415', async () => {
    const response = await postTokensAs('d@example.com', 'name=x', 'application/x-www-form-urlencoded');
    await expectProblem(response, 415, 'unsupported-media-type');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { agent } = await signedInAgent(t, 'f@example.com');
    const body = await expectProblem(await agent.get('/api/nothing-here'), 404, 'not-found');
    expect(body.instance).toBe('/api/nothing-here');
    await expectProblem(await t.app.request('http://localhost:8787/nothing/here'), 404, 'not-found');
  });

  it('asks for credentials before saying whether an API route exists', async () => {
    await expectProblem(await t.app.request('http://localhost:8787/api/nothing-here'), 401, 'unauthenticated');
  });

  it('answers an unexpected failure with a generic 500: no SQL, stack or secret in the response or the log', async () => {
    const { agent } = await signedInAgent(t, 'e@example.com');
    await t.client.execute('DROP TABLE api_tokens');
    const response = await agent.post('/api/tokens', { name: 'will fail' });
    const body = await expectProblem(response, 500, 'internal');
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/api_tokens|insert|SQLITE|at .*\.ts/i);
    const log = t.logLines.join('\n');
    expect(log).toContain('unhandled error');
    expect(log).not.toMatch(/insert into|ick_|iconnect_session=/i);
  });
});

describe('GET /health', () => {
  it('reports the version and a working database', async () => {
    const response = await t.app.request('http://localhost:8787/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: 'test', db: 'ok' });
  });

  it('answers 503 when the database is gone', async () => {
    t.client.close();
    const response = await t.app.request('http://localhost:8787/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, db: 'error' });
  });
});

describe('a browser that follows a broken link', () => {
  it('gets an HTML page with the dashboard security headers, while the API keeps problem+json', async () => {
    const page = await t.app.request('http://localhost:8787/no/such/page', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toContain('Page not found');
  });
});
