import { describe, expect, it } from 'vitest';
import { personSchema } from '../../../../shared/schemas/people';
import { browserAgent } from '../../testing/browser-agent';
import { postForm, signedUpWithFormEach } from '../../testing/dashboard-forms';

const { t, agent } = signedUpWithFormEach('ada@example.com');

async function campaignWith(recipients: { email: string; fields?: Record<string, string> }[], name = 'Spring') {
  const campaign = await (await agent.post('/api/campaigns', { name, subject: 'Hi', html: '<p>Hi</p>' })).json();
  await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients });
  return campaign.id as string;
}

describe('Find a person', () => {
  it('is linked from the navigation and sends a signed-out visitor to sign in', async () => {
    expect(await (await agent.get('/')).text()).toContain('href="/people"');
    const response = await browserAgent(t).get('/people?email=ann%40example.com');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fpeople%3Femail%3Dann%2540example.com');
  });

  it('shows what is held about the address, and offers the JSON and the erasure', async () => {
    await campaignWith([{ email: 'Ann@Example.com', fields: { Company: 'Acme <b>' } }, { email: 'bob@example.com', fields: { Company: 'Bobs' } }]);
    await agent.post('/api/suppressions', { email: 'ann@example.com' });
    const page = await (await agent.get('/people?email=ANN%40example.com')).text();
    expect(page).toContain('Campaign “Spring”');
    expect(page).toContain('Ann@Example.com');
    expect(page).toContain('Acme &lt;b&gt;');
    expect(page).toContain('Added by you');
    expect(page).toContain('0 messages');
    expect(page).not.toContain('Bobs');
    expect(page).toContain('href="/people/erase?email=ann%40example.com"');

    const json = /href="(\/api\/people\/[^"]+)" download/.exec(page)![1]!;
    const download = await agent.get(json);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="iconnect-person-2026-03-02\.json"$/);
    const person = personSchema.parse(await download.json());
    expect(person.campaigns).toEqual([expect.objectContaining({ campaignName: 'Spring', fields: { Company: 'Acme <b>' } })]);
  });

  it('says when nothing is held, and refuses a non-address beside the field', async () => {
    const empty = await (await agent.get('/people?email=nobody%40example.com')).text();
    expect(empty).toContain('iConnect holds nothing about nobody@example.com.');
    expect(empty).not.toContain('Erase this person');

    const invalid = await agent.get('/people?email=not+an+address');
    expect(invalid.status).toBe(400);
    const text = await invalid.text();
    expect(text).toContain('field-error');
    expect(text).toContain('value="not an address"');
  });

  it('erases only after the confirmation is ticked, then says what was removed', async () => {
    await campaignWith([{ email: 'ann@example.com', fields: { Company: 'Acme' } }], 'One');
    await campaignWith([{ email: 'ann@example.com' }], 'Two');
    const confirm = await (await agent.get('/people/erase?email=ann%40example.com')).text();
    expect(confirm).toContain('The address is removed from 2 campaigns');
    expect(confirm).toContain('name="email" value="ann@example.com"');

    const unticked = await postForm(agent, '/people/erase', { email: 'ann@example.com' });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('Tick the box to confirm the erasure');
    expect((await (await agent.get('/api/people/ann@example.com')).json()).campaigns).toHaveLength(2);

    const done = await postForm(agent, '/people/erase', { email: 'ann@example.com', confirm: 'true' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('was erased from 2 campaigns, and 0 tracking events');
    const after = await (await agent.get('/people?email=ann%40example.com')).text();
    expect(after).toContain('iConnect holds nothing about ann@example.com.');
    expect(after).toContain('It was erased at their request on');
  });

  it('refuses an erasure posted from another site', async () => {
    await campaignWith([{ email: 'ann@example.com' }]);
    const response = await postForm(agent, '/people/erase', { email: 'ann@example.com', confirm: 'true' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await (await agent.get('/api/people/ann@example.com')).json()).campaigns).toHaveLength(1);
  });
});
