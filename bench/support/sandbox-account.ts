import type { BrowserAgent } from '../../backend/src/testing/browser-agent';

/**
 * Connects sandbox Gmail mailboxes for a bench the way a person does (the connect link, the
 * sandbox's consent page, Allow, the callback), as backend/src/testing/connect-gmail.ts does for
 * tests but without vitest's `expect` (a bench runs under tsx). Then lifts the sandbox's own
 * limits: the sandbox process counts them on the real clock, the engine on the bench's fake one,
 * so only the engine's limits are what a bench measures and checks.
 *
 * @example const ids = await connectSandboxAccounts(agent, sandbox.url, ['a@work.example'])
 */
export async function connectSandboxAccounts(agent: BrowserAgent, sandboxUrl: string, emails: readonly string[]): Promise<string[]> {
  for (const email of emails) {
    const start = await agent.get('/api/accounts/connect?timezone=UTC');
    const consentUrl = start.headers.get('location');
    if (start.status !== 302 || !consentUrl) throw new Error(`connect did not redirect: ${start.status}`);
    const allow = await fetch(consentUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, decision: 'allow' }),
      redirect: 'manual',
    });
    const location = allow.headers.get('location');
    if (allow.status !== 302 || !location) throw new Error(`the sandbox's consent did not redirect: ${allow.status}`);
    const callback = new URL(location);
    const back = await agent.get(callback.pathname + callback.search);
    if (back.status >= 400) throw new Error(`the callback failed for ${email}: ${back.status}`);
    const lifted = await fetch(`${sandboxUrl}/mailboxes/${encodeURIComponent(email)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dailyLimit: 100_000_000, perMinuteLimit: 100_000_000, quotaUnitsPerUserMinute: 100_000_000 }),
    });
    if (!lifted.ok) throw new Error(`the sandbox refused to lift ${email}'s limits: ${lifted.status}`);
  }
  const { accounts } = (await (await agent.get('/api/accounts')).json()) as { accounts: { id: string; email: string }[] };
  const byEmail = new Map(accounts.map((account) => [account.email, account.id]));
  return emails.map((email) => {
    const id = byEmail.get(email.toLowerCase());
    if (!id) throw new Error(`${email} is not among the connected accounts`);
    return id;
  });
}
