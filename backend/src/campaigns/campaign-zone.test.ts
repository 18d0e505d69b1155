import { afterEach, describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

async function madridSender() {
  const s = await sendingScenario({ accountQuery: 'timezone=Europe/Madrid' });
  scenarios.push(s);
  const create = async (body: Record<string, unknown>) => campaignSchema.parse(await (await s.agent.post('/api/campaigns', { name: 'Spring', ...body })).json());
  const patch = async (id: string, body: Record<string, unknown>) => {
    const response = await s.agent.patch(`/api/campaigns/${id}`, body);
    expect(response.status, await response.clone().text()).toBe(200);
    return campaignSchema.parse(await response.json());
  };
  return { s, create, patch };
}

describe("a campaign's time zone", () => {
  it('follows the first sending account picked after creation when the user never chose a zone', async () => {
    const { s, create, patch } = await madridSender();
    const campaign = await create({});
    expect(campaign.schedule.timezone).toBe('UTC');
    const edited = await patch(campaign.id, { accountIds: s.accountIds });
    expect(edited.schedule).toMatchObject({ timezone: 'Europe/Madrid', window: { start: '09:00', end: '17:00' } });
  });

  it('follows the account also when the editor sends the whole schedule unchanged', async () => {
    const { s, create, patch } = await madridSender();
    const campaign = await create({});
    const edited = await patch(campaign.id, { accountIds: s.accountIds, schedule: { ...campaign.schedule, days: [1, 2, 3] } });
    expect(edited.schedule).toMatchObject({ timezone: 'Europe/Madrid', days: [1, 2, 3] });
  });

  it('keeps a zone given at creation (the panel sends the browser zone)', async () => {
    const { s, create, patch } = await madridSender();
    const campaign = await create({ schedule: { timezone: 'America/New_York' } });
    expect((await patch(campaign.id, { accountIds: s.accountIds })).schedule.timezone).toBe('America/New_York');
  });

  it('keeps a zone the user picked, whatever accounts come later', async () => {
    const { s, create, patch } = await madridSender();
    const campaign = await create({});
    await patch(campaign.id, { schedule: { timezone: 'Asia/Tokyo' } });
    expect((await patch(campaign.id, { accountIds: s.accountIds })).schedule.timezone).toBe('Asia/Tokyo');
  });

  it('takes the account zone at creation when accounts come with it', async () => {
    const { s, create } = await madridSender();
    expect((await create({ accountIds: s.accountIds })).schedule.timezone).toBe('Europe/Madrid');
  });
});
