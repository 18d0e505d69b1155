import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { gmailAccounts } from '../../db/schema';
import { postForm, signedUpWithFormEach } from '../../testing/dashboard-forms';
import { addTestAccount, userIdOf } from '../../testing/test-accounts';

const { t, agent } = signedUpWithFormEach('wu@example.com');
let userId: string;
beforeEach(async () => {
  userId = await userIdOf(agent);
});

const SETTINGS = { dailyLimit: '500', minGapSeconds: '60', maxGapSeconds: '180', timezone: 'UTC', fromName: '', signatureHtml: '' };
const DAY_MS = 86_400_000;

describe('warm-up in the account settings (issue 18)', () => {
  it('suggests a ramp for an account without one, switches it on, and shows the day and today’s figure', async () => {
    const account = await addTestAccount(t, userId, 'new@gmail.com');
    const form = await (await agent.get(`/accounts/${account.id}/settings`)).text();
    expect(form).toMatch(/<input type="checkbox" id="warmupOn" name="warmupOn" value="on"\s*\/?>/);
    expect(form).toMatch(/id="warmupStart"[^>]*value="20"/);
    expect(form).toMatch(/id="warmupTarget"[^>]*value="500"/);
    expect(form).not.toContain('data-testid="warmup-status"');

    const saved = await postForm(agent, `/accounts/${account.id}/settings`, { ...SETTINGS, warmupOn: 'on', warmupStart: '20', warmupIncrease: '20', warmupTarget: '500' });
    expect(saved.status).toBe(303);
    const [row] = await t.db.select().from(gmailAccounts).where(eq(gmailAccounts.id, account.id));
    expect(row?.warmup).toEqual({ startPerDay: 20, increasePerDay: 20, targetPerDay: 500 });
    t.clock.advance(3 * DAY_MS + 1000);
    const page = await (await agent.get(`/accounts/${account.id}/settings`)).text();
    expect(page).toContain('Warm-up: day 3 · 80 a day today (rising to 500)');
    expect(page).toMatch(/id="warmupOn" name="warmupOn" value="on" checked/);
    expect(await (await agent.get('/accounts')).text()).toContain('day 3 · 80 a day today (rising to 500)');

    // Unticked: off, and the daily limit applies again.
    await postForm(agent, `/accounts/${account.id}/settings`, { ...SETTINGS, warmupStart: '20', warmupIncrease: '20', warmupTarget: '500' });
    const [off] = await t.db.select().from(gmailAccounts).where(eq(gmailAccounts.id, account.id));
    expect(off).toMatchObject({ warmup: null, warmupStartedAt: null });
  });

  it("puts the error beside the box: a target above the account's Google limit", async () => {
    const account = await addTestAccount(t, userId, 'high@gmail.com');
    const response = await postForm(agent, `/accounts/${account.id}/settings`, { ...SETTINGS, warmupOn: 'on', warmupStart: '20', warmupIncrease: '20', warmupTarget: '900' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(/id="warmupTarget-error">.*about 500 recipients a day/);
    expect(page).toMatch(/id="warmupTarget"[^>]*value="900"/);
  });
});
