import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { gmailAccounts } from '../../db/schema';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm, signedUpWithFormEach } from '../../testing/dashboard-forms';
import { addTestAccount, userIdOf } from '../../testing/test-accounts';

const { t, agent } = signedUpWithFormEach('ada@example.com');
let userId: string;
beforeEach(async () => {
  userId = await userIdOf(agent);
});

const SETTINGS = {
  dailyLimit: '250',
  minGapSeconds: '90',
  maxGapSeconds: '300',
  timezone: 'America/New_York',
  fromName: 'Ada Lovelace',
  signatureHtml: '<p>Ada</p>',
};

async function rowOf(id: string) {
  const [row] = await t.db.select().from(gmailAccounts).where(eq(gmailAccounts.id, id));
  return row;
}

describe('Gmail accounts page', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const response = await browserAgent(t).get('/accounts');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Faccounts');
  });

  it('lists each account with its address, status, usage, settings and permissions in words', async () => {
    await addTestAccount(t, userId, 'ada@gmail.com');
    await addTestAccount(t, userId, 'ada@lovelace.example', { detectReplies: false });
    const response = await agent.get('/accounts');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('aria-current="page">Gmail accounts</a>');
    expect(page).toContain('<h3 id="account-');
    expect(page).toContain('ada@gmail.com');
    expect(page).toContain('ada@lovelace.example');
    expect(page).toContain('<span class="badge badge-ok">OK</span>');
    // Defaults: 400 a day for a gmail.com address, 1,800 for Workspace.
    expect(page).toContain('0 of 400 sent in the last 24 hours');
    expect(page).toContain('0 of 1800 sent in the last 24 hours');
    expect(page).toMatch(/<meter min="0" max="400"[^>]* value="0"/);
    expect(page).toContain('60 to 180 seconds');
    expect(page).toContain('Europe/Paris');
    expect(page).toContain('Send email on your behalf; Read your email; Your email address');
    expect(page).toContain('Send email on your behalf; Your email address<span class="muted"> (replies and bounces are not detected)');
    expect(page).toMatch(/href="\/accounts\/acc_[^/"]+\/settings"/);
    expect(page).toMatch(/action="\/accounts\/acc_[^/"]+\/check"/);
    expect(page).toMatch(/href="\/accounts\/acc_[^/"]+\/disconnect"/);
    // The test app runs on the Gmail sandbox; its viewer is wherever the sandbox is (here its own
    // origin, as with GMAIL_SANDBOX_URL; `npm start` mounts it at /sandbox/google).
    expect(page).toContain('no real Google account is involved');
    expect(page).toContain('href="http://127.0.0.1:9/mailboxes/ada%40gmail.com"');
    expect(page).toContain('href="http://127.0.0.1:9/"');
    expect(page).not.toMatch(/<script>|<style|style="| on\w+="/);
  });

  it("shows each account's Gmail API units of the last minute against the per-minute budget", async () => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    // Eleven sends and a read, as the engine charges them (100 units a send, 5 a read).
    t.deps.quota.record(account.id, 1_100, t.clock.now());
    t.deps.quota.record(account.id, 5, t.clock.now());
    const page = await (await agent.get('/accounts')).text();
    expect(page).toContain('Gmail API: 1,105 of 6,000 units in the last minute');
    expect(page).toMatch(/<meter min="0" max="6000"[^>]* value="1105"/);
  });

  it('offers to connect an account, explaining each permission, with replies detected by default', async () => {
    const page = await (await agent.get('/accounts')).text();
    expect(page).toContain('No Gmail account connected yet');
    expect(page).toContain('action="/accounts/connect"');
    expect(page).toMatch(/<input type="checkbox" id="detectReplies" name="detectReplies" value="true" checked/);
    expect(page).toContain('<input type="hidden" name="timezone" value="" data-fill-timezone');
    expect(page).toContain('(gmail.send): to send your campaigns; iConnect cannot read or delete your mail with it.');
    expect(page).toContain('(gmail.readonly), only if ‘Detect replies and bounces’ is on');
    expect(page).toContain('Message contents stay on your server.');
    expect(page).toContain('(openid email): to know which mailbox was connected.');
  });

  it("lets the connect forms reach the consent page's origin, and no other", async () => {
    const response = await agent.get('/accounts');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:9;");
    expect((await agent.get('/tokens')).headers.get('content-security-policy')).toContain("form-action 'self';");
  });

  it('shows why an account needs reconnecting, with a Connect again button for that address', async () => {
    await addTestAccount(t, userId, 'ada@gmail.com', { needsReconnect: true, detectReplies: false });
    const page = await (await agent.get('/accounts')).text();
    expect(page).toContain('<span class="badge badge-warning">Needs reconnecting</span>');
    expect(page).toContain('Google no longer accepts the authorisation');
    expect(page).toMatch(
      /<form method="post" action="\/accounts\/connect" class="inline-form"><input type="hidden" name="loginHint" value="ada@gmail.com"\/><input type="hidden" name="detectReplies" value="false"\/><button type="submit">Connect again/,
    );
  });

  it.each([
    ['connected', 'is connected'],
    ['reconnected', 'is connected again'],
    ['saved', 'were saved'],
    ['checked', 'Connection works'],
  ])('names the account in the %s notice', async (notice, words) => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const page = await (await agent.get(`/accounts?notice=${notice}&account=${account.id}`)).text();
    expect(page).toMatch(new RegExp(`role="status"><p>[^]*ada@gmail.com[^]*${words}|role="status"><p>[^]*${words}[^]*ada@gmail.com`));
  });

  it('says a cancelled consent connected nothing, and ignores notices it does not know', async () => {
    expect(await (await agent.get('/accounts?notice=connect-cancelled')).text()).toContain('No account was connected');
    const plain = await (await agent.get('/accounts')).text();
    expect(await (await agent.get('/accounts?notice=%3Cb%3Ehi%3C%2Fb%3E')).text()).toBe(plain);
  });

  it("does not name another user's account in a notice", async () => {
    const mallory = browserAgent(t);
    await signUpWithForm(mallory, 'mallory@example.com');
    const theirs = await addTestAccount(t, await userIdOf(mallory), 'mallory@gmail.com');
    const page = await (await agent.get(`/accounts?notice=saved&account=${theirs.id}`)).text();
    expect(page).toContain('The settings of the Gmail account were saved.');
    expect(page).not.toContain('mallory@gmail.com');
  });
});

describe('home page', () => {
  it('keeps the empty state, now linking to the accounts page', async () => {
    const page = await (await agent.get('/')).text();
    expect(page).toContain('No Gmail account connected yet');
    expect(page).toContain('<a class="button" href="/accounts">Connect a Gmail account</a>');
  });

  it('lists the accounts with status and usage, and links to manage them', async () => {
    await addTestAccount(t, userId, 'ada@gmail.com');
    await addTestAccount(t, userId, 'ada@lovelace.example', { needsReconnect: true });
    const page = await (await agent.get('/')).text();
    expect(page).not.toContain('No Gmail account connected yet');
    expect(page).toContain('ada@gmail.com');
    expect(page).toContain('0 of 400 sent in the last 24 hours');
    expect(page).toContain('Needs reconnecting');
    expect(page).toContain('<a class="button secondary" href="/accounts">Manage Gmail accounts</a>');
  });
});

describe('account settings', () => {
  it('shows the current settings and saves new ones', async () => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const form = await (await agent.get(`/accounts/${account.id}/settings`)).text();
    expect(form).toMatch(/<input id="dailyLimit" name="dailyLimit"[^>]*type="number"[^>]*value="400"/);
    expect(form).toMatch(/<input id="timezone" name="timezone"[^>]*list="time-zones"[^>]*value="Europe\/Paris"/);
    expect(form).toContain('<option value="America/New_York">');

    const response = await postForm(agent, `/accounts/${account.id}/settings`, SETTINGS);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/accounts?notice=saved&account=${account.id}`);
    expect(await rowOf(account.id)).toMatchObject({
      dailyLimit: 250,
      minGapSeconds: 90,
      maxGapSeconds: 300,
      timezone: 'America/New_York',
      fromName: 'Ada Lovelace',
      signatureHtml: '<p>Ada</p>',
    });
    const list = await (await agent.get(response.headers.get('location')!)).text();
    expect(list).toContain('0 of 250 sent in the last 24 hours');
  });

  it('puts the error next to a daily limit above 2000 and keeps what was typed', async () => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const response = await postForm(agent, `/accounts/${account.id}/settings`, { ...SETTINGS, dailyLimit: '2001', fromName: 'Typed <name>' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<a href="#dailyLimit">At most 2000');
    expect(page).toMatch(/<p class="field-error" id="dailyLimit-error">.*At most 2000/);
    expect(page).toMatch(/<input id="dailyLimit" name="dailyLimit" aria-invalid="true" aria-describedby="dailyLimit-hint dailyLimit-error"[^>]*value="2001"/);
    expect(page).toContain('value="Typed &lt;name&gt;"');
    expect((await rowOf(account.id))?.dailyLimit).toBe(400);
  });

  it('refuses a longest gap shorter than the shortest, beside the longest gap', async () => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const response = await postForm(agent, `/accounts/${account.id}/settings`, { ...SETTINGS, minGapSeconds: '300', maxGapSeconds: '100' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/id="maxGapSeconds-error">.*The longest gap must be at least the shortest gap \(300 s\)/);
    expect((await rowOf(account.id))?.maxGapSeconds).toBe(180);
  });

  it('asks for whole numbers, a known time zone and a one-line from name', async () => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const response = await postForm(agent, `/accounts/${account.id}/settings`, {
      ...SETTINGS,
      dailyLimit: '',
      minGapSeconds: '1.5',
      timezone: 'Mars/Olympus',
      fromName: 'Ada\r\nBcc: everyone@example.com',
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('id="dailyLimit-error"><span class="visually-hidden">Error: </span>Enter a number');
    expect(page).toContain('id="minGapSeconds-error"><span class="visually-hidden">Error: </span>Enter a whole number');
    expect(page).toContain('id="timezone-error"><span class="visually-hidden">Error: </span>Use an IANA time zone');
    expect(page).toContain('id="fromName-error"><span class="visually-hidden">Error: </span>Use a single line');
  });
});

describe('disconnecting', () => {
  it('explains what happens, deletes the account, and says to remove access at Google when it could not be told', async () => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const confirm = await (await agent.get(`/accounts/${account.id}/disconnect`)).text();
    expect(confirm).toContain('asks Google to revoke');
    expect(confirm).toContain('deletes its stored tokens');
    expect(confirm).toContain('pauses the campaigns that send only from this account');
    expect(confirm).toContain(`action="/accounts/${account.id}/disconnect"`);

    // The test app's Google is a closed port: the revoke call fails.
    const response = await postForm(agent, `/accounts/${account.id}/disconnect`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/accounts?notice=disconnected&revoked=0');
    expect(await rowOf(account.id)).toBeUndefined();
    const page = await (await agent.get(response.headers.get('location')!)).text();
    expect(page).toContain('Remove iConnect at');
    expect(page).toContain('href="https://myaccount.google.com/permissions"');
    expect(page).toContain('No Gmail account connected yet');
  });

  it('confirms plainly when Google revoked the access', async () => {
    const page = await (await agent.get('/accounts?notice=disconnected')).text();
    expect(page).toContain('Google revoked iConnect');
    expect(page).not.toContain('myaccount.google.com');
  });
});

describe("another user's account", () => {
  let theirs: string;
  let mallory: BrowserAgent;
  beforeEach(async () => {
    theirs = (await addTestAccount(t, userId, 'ada@gmail.com')).id;
    mallory = browserAgent(t);
    await signUpWithForm(mallory, 'mallory@example.com');
  });

  it.each([
    ['GET', 'settings'],
    ['POST', 'settings'],
    ['POST', 'check'],
    ['GET', 'disconnect'],
    ['POST', 'disconnect'],
  ])('answers %s /accounts/:id/%s with the 404 page and changes nothing', async (method, action) => {
    const path = `/accounts/${theirs}/${action}`;
    const response = method === 'GET' ? await mallory.get(path) : await postForm(mallory, path, SETTINGS);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).not.toContain('ada@gmail.com');
    expect(await rowOf(theirs)).toMatchObject({ dailyLimit: 400, status: 'ok' });
    expect(await (await mallory.get('/accounts')).text()).not.toContain('ada@gmail.com');
  });

  it('answers 404 for an id that does not exist', async () => {
    expect((await agent.get('/accounts/acc_nope/settings')).status).toBe(404);
  });
});

describe('forms posted from another site', () => {
  it.each(['connect', 'ID/settings', 'ID/check', 'ID/disconnect'])('refuses POST /accounts/%s with 403', async (action) => {
    const account = await addTestAccount(t, userId, 'ada@gmail.com');
    const path = `/accounts/${action.replace('ID', account.id)}`;
    const response = await postForm(agent, path, SETTINGS, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await rowOf(account.id)).toMatchObject({ dailyLimit: 400 });
  });
});
