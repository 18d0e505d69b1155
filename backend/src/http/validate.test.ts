import { describe, expect, it } from 'vitest';
import { signedInEach } from '../testing/use-test-app';
import { MAX_INPUT_DEPTH } from './well-formed-input';

const { t, agent } = signedInEach('edge@example.com');

const BROKEN = 'Contains a broken character (a lone UTF-16 surrogate)';

/** Posts JSON text as written, so escapes like `\ud800` reach the server as they would from any client. */
const postText = (path: string, body: string) => agent.request('POST', path, { body, headers: { 'content-type': 'application/json' } });

describe('validate: well-formed text at the edge', () => {
  it('refuses a lone surrogate in any JSON string with 400 naming the field, and stores nothing', async () => {
    const response = await postText('/api/campaigns', '{"name":"Spring","subject":"Hi \\ud800","html":"<p>x</p>"}');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/validation-failed', errors: [{ field: 'subject', message: BROKEN }] });
    expect((await (await agent.get('/api/campaigns')).json()).campaigns).toEqual([]);
  });

  it('checks text the schema would never look at: an unknown key, and a key itself', async () => {
    const response = await postText('/api/tokens', '{"name":"ok","note\\udc00":"x"}');
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ field: 'note\uFFFD', message: 'The field name contains a broken character (a lone UTF-16 surrogate)' }]);
  });

  it('answers a body nested thousands deep with 400, not a crash', async () => {
    const response = await postText('/api/campaigns', `{"name":"x","followUps":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(response.status).toBe(400);
    const [error] = (await response.json()).errors;
    expect(error.message).toBe(`Nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`);
    expect(error.field.startsWith('followUps.0.0')).toBe(true);
    expect((await agent.get('/api/campaigns')).status).toBe(200);
  });
});
