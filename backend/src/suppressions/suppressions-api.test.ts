import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suppressionListSchema } from '../../../shared/schemas/suppressions';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
let agent: BrowserAgent;
beforeEach(async () => {
  t = await createTestApp();
  ({ agent } = await signedInAgent(t, 'keeper@example.com'));
  for (const email of ['ann@acme.test', 'bo_b@example.com', 'bob@example.com']) {
    expect((await agent.post('/api/suppressions', { email })).status).toBe(201);
  }
});
afterEach(() => t.close());

async function list(query = '') {
  const response = await agent.get(`/api/suppressions${query}`);
  expect(response.status).toBe(200);
  return suppressionListSchema.parse(await response.json()).suppressions.map((s) => s.email).sort();
}

describe('searching the suppression list', () => {
  it('finds addresses containing the text, ignoring ASCII case, with _ taken literally', async () => {
    expect(await list('?q=ACME')).toEqual(['ann@acme.test']);
    expect(await list('?q=o_b')).toEqual(['bo_b@example.com']);
    expect(await list('?q=')).toHaveLength(3);
  });

  it('does not show another user\'s addresses', async () => {
    const other = (await signedInAgent(t, 'other@example.com')).agent;
    expect(suppressionListSchema.parse(await (await other.get('/api/suppressions?q=acme')).json()).suppressions).toEqual([]);
  });
});
