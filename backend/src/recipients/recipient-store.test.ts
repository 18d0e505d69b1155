import { describe, expect, it } from 'vitest';
import { signedInEach } from '../testing/use-test-app';

const { t, agent } = signedInEach('editor@example.com');

describe('editing a recipient', () => {
  it('answers an empty edit with the recipient unchanged, not a server error', async () => {
    const { id } = await (await agent.post('/api/campaigns', { name: 'Spring' })).json();
    expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients: [{ email: 'ada@example.com', fields: { Company: 'Acme' } }] })).status).toBe(201);
    const [recipient] = (await (await agent.get(`/api/campaigns/${id}/recipients`)).json()).recipients;
    const response = await agent.patch(`/api/campaigns/${id}/recipients/${recipient.id}`, {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(recipient);
  });
});
