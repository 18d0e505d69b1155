import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { gmailAccounts } from '../../db/schema';
import { postForm, signedUpWithFormEach } from '../../testing/dashboard-forms';
import { addTestAccount, userIdOf } from '../../testing/test-accounts';

const { t, agent } = signedUpWithFormEach('ada@example.com');
let userId: string;
beforeEach(async () => {
  userId = await userIdOf(agent);
});

const SETTINGS = { minGapSeconds: '60', maxGapSeconds: '180', timezone: 'Europe/Paris', fromName: '', signatureHtml: '' };

describe('the account type on the settings page', () => {
  it('states consumer Gmail for a gmail.com address without asking', async () => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const form = await (await agent.get(`/accounts/${account.id}/settings`)).text();
    expect(form).toContain('Account type: Consumer Gmail (Google allows about 500 recipients a day).');
    expect(form).not.toContain('<select id="type"');
  });

  it('lets a Workspace address pick the trial, refusing a daily limit above its 500 beside the field', async () => {
    const account = await addTestAccount(t, userId, 'ada@acme.example');
    const form = await (await agent.get(`/accounts/${account.id}/settings`)).text();
    expect(form).toMatch(/<label for="type">Account type<\/label>/);
    expect(form).toMatch(/<option value="workspace" selected="">Google Workspace \(about 2,000 a day\)<\/option>/);

    const refused = await postForm(agent, `/accounts/${account.id}/settings`, { ...SETTINGS, type: 'workspace_trial', dailyLimit: '1800' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="dailyLimit-error">.*Google lets a Google Workspace trial account send to about 500 recipients a day/);

    const saved = await postForm(agent, `/accounts/${account.id}/settings`, { ...SETTINGS, type: 'workspace_trial', dailyLimit: '450' });
    expect(saved.status).toBe(303);
    const [row] = await t.db.select().from(gmailAccounts).where(eq(gmailAccounts.id, account.id));
    expect(row).toMatchObject({ type: 'workspace_trial', dailyLimit: 450 });
  });
});
