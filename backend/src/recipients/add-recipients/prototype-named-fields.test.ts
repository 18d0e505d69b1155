import { beforeEach, describe, expect, it } from 'vitest';
import { recipientPageSchema } from '../../../../shared/schemas/recipients';
import { syncPageSchema } from '../../../../shared/schemas/sync';
import { signedInEach } from '../../testing/use-test-app';

/**
 * Issue 12: CSV headers are the user's words, so `__proto__`, `constructor`, `prototype` and
 * `toString` are ordinary merge fields. None may vanish, and a recipient without one must never
 * read the value an object inherits (`function Object() { [native code] }`).
 */
const { agent } = signedInEach('proto@example.com');
let campaignId: string;
beforeEach(async () => {
  const created = await agent.post('/api/campaigns', {
    name: 'Prototype pollution',
    subject: 'For {{ constructor | you }}',
    html: '<p>{{ constructor | nobody }} / {{ __proto__ | none }} / {{ prototype | - }} / {{ toString }}</p>',
  });
  campaignId = (await created.json()).id;
});

const recipientsPath = () => `/api/campaigns/${campaignId}/recipients`;
const NAMES = ['constructor', '__proto__', 'prototype', 'toString'];

/** Ada has all four fields, Bob none. Written as JSON text: `__proto__` is an own key only there. */
async function addAdaAndBob() {
  const response = await agent.request('POST', recipientsPath(), {
    body: '{"recipients":[{"email":"ada@example.com","fields":{"constructor":"Builder","__proto__":"Proto","prototype":"First draft","toString":"Text"}},{"email":"bob@example.com"}]}',
    headers: { 'content-type': 'application/json' },
  });
  expect(response.status).toBe(201);
  return response.json();
}

describe('merge fields named like Object.prototype members', () => {
  it('are all added by a JSON add, in order, and read back equal', async () => {
    expect((await addAdaAndBob()).fields).toEqual(NAMES);
    const text = await (await agent.get(recipientsPath())).text();
    const [ada, bob] = JSON.parse(text).recipients;
    expect(Object.entries(ada.fields)).toEqual([
      ['constructor', 'Builder'],
      ['__proto__', 'Proto'],
      ['prototype', 'First draft'],
      ['toString', 'Text'],
    ]);
    expect(Object.entries(bob.fields)).toEqual([]);
    expect((await (await agent.get(`/api/campaigns/${campaignId}`)).json()).fields).toEqual(NAMES);
  });

  it('merge in the preview, and a recipient without them gets the fallback, not a function', async () => {
    await addAdaAndBob();
    const ada = await (await agent.get(`/api/campaigns/${campaignId}/preview?recipient=0`)).json();
    expect(ada).toMatchObject({ subject: 'For Builder', html: '<p>Builder / Proto / First draft / Text</p>', missing: [] });
    const bob = await (await agent.get(`/api/campaigns/${campaignId}/preview?recipient=1`)).json();
    expect(bob).toMatchObject({ subject: 'For you', html: '<p>nobody / none / - / </p>', missing: ['tostring'] });
  });

  it('parse, as the extension reads them, into objects where a missing field is absent', async () => {
    await addAdaAndBob();
    const page = recipientPageSchema.parse(await (await agent.get(recipientsPath())).json());
    const [ada, bob] = page.recipients;
    expect(Object.keys(ada!.fields)).toEqual(NAMES);
    expect(ada!.fields['__proto__']).toBe('Proto');
    for (const name of NAMES) expect(bob!.fields[name] ?? '').toBe('');
  });

  it('keep `__proto__` through a recipient edit', async () => {
    await addAdaAndBob();
    const [, bob] = (await (await agent.get(recipientsPath())).json()).recipients;
    const patched = await agent.request('PATCH', `${recipientsPath()}/${bob.id}`, {
      body: '{"fields":{"__proto__":"Edited"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(patched.status).toBe(200);
    expect(Object.entries((await patched.json()).fields)).toEqual([['__proto__', 'Edited']]);
  });

  it('reach the extension through the change feed', async () => {
    await addAdaAndBob();
    const feed = syncPageSchema.parse(await (await agent.get('/api/sync')).json());
    const change = feed.changes.find((c) => c.id === campaignId);
    expect(change && !change.deleted ? change.campaign.fields : null).toEqual(NAMES);
  });
});
