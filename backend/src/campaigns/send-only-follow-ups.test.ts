import { afterEach, describe, expect, it } from 'vitest';
import { preflightSchema } from '../../../shared/schemas/launch';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

/** A send-only account (gmail.readonly not granted) and a draft with one follow-up of `condition`. */
async function sendOnlyDraft(condition: string) {
  const s = await sendingScenario({ accounts: ['quiet@work.example'], accountQuery: 'timezone=UTC&detectReplies=false' });
  scenarios.push(s);
  const created = await s.agent.post('/api/campaigns', {
    name: 'Follow-ups',
    accountIds: s.accountIds,
    subject: 'Hi',
    html: '<p>Hi</p>',
    followUps: [{ delayHours: 48, html: '<p>Again</p>', condition }],
  });
  const { id } = await created.json();
  expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: [{ email: 'ann@example.com' }] })).status).toBe(201);
  return { s, id: id as string };
}

describe('"stop on reply" follow-ups from an account that may only send', () => {
  it('refuses the launch, saying the read permission is missing and how to go on', async () => {
    const { s, id } = await sendOnlyDraft('no_reply');
    const preflight = preflightSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preflight`)).json());
    expect(preflight.blockers).toEqual([expect.objectContaining({ code: 'follow-ups-need-read-permission' })]);
    expect(preflight.blockers[0]!.message).toMatch(/quiet@work\.example may only send .*replies to it cannot be seen/);

    const refused = await s.agent.post(`/api/campaigns/${id}/launch`, {});
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toMatch(/send follow-ups to everyone/);
    expect((await s.campaign(id)).status).toBe('draft');
  });

  it('launches when the user says to send the follow-ups to everyone', async () => {
    const { s, id } = await sendOnlyDraft('no_reply');
    const preflight = preflightSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preflight?followUpsWithoutReplyCheck=true`)).json());
    expect(preflight.blockers).toEqual([]);
    const launched = await s.agent.post(`/api/campaigns/${id}/launch`, { followUpsWithoutReplyCheck: true });
    expect(launched.status).toBe(200);
    expect((await launched.json()).status).toBe('sending');
  });

  it('launches a follow-up that goes to everyone anyway without asking', async () => {
    const { s, id } = await sendOnlyDraft('always');
    expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
  });

  it('refuses a flag that is not a boolean, naming it', async () => {
    const { s, id } = await sendOnlyDraft('no_reply');
    const response = await s.agent.post(`/api/campaigns/${id}/launch`, { followUpsWithoutReplyCheck: 'yes' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('followUpsWithoutReplyCheck');
  });
});
