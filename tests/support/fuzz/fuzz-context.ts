import { randomUUID } from 'node:crypto';
import type { Answer, HttpClient } from './http-client';

/**
 * What a fuzz case runs against: a signed-up user with an API token, a connected sandbox Gmail
 * account and campaigns, on one server process; and the plain HTTP the cases speak.
 */

/** Preparing a case (a fresh campaign, a throwaway user) got an answer it did not expect. */
export class SetupFailed extends Error {}

export type FuzzUser = { email: string; password: string; token: string; cookie: string };

export type FuzzContext = Awaited<ReturnType<typeof openFuzzContext>>;

/**
 * Signs up the run's user (a long random password: the password rules may only get stricter),
 * gives it an API token (every case speaks Bearer, as the extension does, so no CSRF check is in
 * the way), connects a sandbox Gmail account through the consent page and creates a campaign.
 */
export async function openFuzzContext(http: HttpClient, url: string) {
  let counter = 0;
  let address = 0;
  /** A client address per call (198.18.0.0/15, the range RFC 2544 sets aside for tests), read via TRUST_PROXY. */
  const nextAddress = () => {
    address++;
    return `198.18.${(address >> 8) & 255}.${address & 255}`;
  };
  const unique = () => `${++counter}-${randomUUID().slice(0, 8)}`;

  const call = (method: string, path: string, options: { json?: unknown; token?: string; cookie?: string } = {}) =>
    http.call({
      method,
      path,
      headers: {
        'x-forwarded-for': nextAddress(),
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.cookie ? { cookie: options.cookie, origin: url } : {}),
      },
      body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
    });
  const expectStatus = (answer: Answer, statuses: number[], what: string) => {
    if (!statuses.includes(answer.status)) throw new SetupFailed(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer;
  };

  const signUp = async (): Promise<FuzzUser> => {
    const email = `fuzz-${unique()}@example.com`;
    const password = `fuzz-password-${randomUUID()}`;
    const signedUp = expectStatus(await call('POST', '/api/auth/signup', { json: { email, password } }), [201], 'sign-up');
    const cookie = signedUp.headers.getSetCookie().map((header) => header.split(';', 1)[0]).join('; ');
    const created = expectStatus(await call('POST', '/api/tokens', { json: { name: 'fuzz' }, cookie }), [201], 'API token');
    return { email, password, token: (created.json as { token: string }).token, cookie };
  };
  const user = await signUp();
  const api = (method: string, path: string, json?: unknown, token = user.token) => call(method, path, { json, token });

  /** The consent flow a person goes through: connect link, the sandbox's consent form, the callback. */
  const connectAccount = async (): Promise<string> => {
    const start = expectStatus(await call('GET', '/api/accounts/connect?timezone=UTC', { cookie: user.cookie }), [302], 'connect');
    // The built-in sandbox's consent page is served by the same process.
    const consent = new URL(start.headers.get('location')!);
    const allowed = await http.call({
      method: 'POST',
      path: consent.pathname + consent.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: `fuzz-${unique()}@gmail.com`, decision: 'allow' }).toString(),
    });
    if (allowed.status !== 302) throw new SetupFailed(`consent: ${allowed.status}`);
    const callback = new URL(allowed.headers.get('location')!);
    const done = expectStatus(await call('GET', callback.pathname + callback.search, { cookie: user.cookie }), [303], 'OAuth callback');
    const id = new URL(done.headers.get('location')!, url).searchParams.get('account');
    if (!id) throw new SetupFailed(`OAuth callback: no account in ${done.headers.get('location')}`);
    return id;
  };
  const accountId = await connectAccount();

  /** Campaigns the read-only and lifecycle cases pick from: the run's own, whatever they now hold. */
  const pool: string[] = [];
  const freshCampaign = async (recipients = 0, options: { pooled?: boolean } = {}): Promise<string> => {
    const created = expectStatus(
      await api('POST', '/api/campaigns', { name: `Fuzz ${unique()}`, subject: 'Hello {{Name}}', html: '<p>Hi {{Name}}</p>', accountIds: [accountId] }),
      [201],
      'campaign',
    );
    const id = (created.json as { id: string }).id;
    if (recipients > 0) {
      const list = Array.from({ length: recipients }, (_, i) => ({ email: `r${i}-${unique()}@example.com`, fields: { Name: `R${i}` } }));
      expectStatus(await api('POST', `/api/campaigns/${id}/recipients`, { recipients: list }), [201], 'recipients');
    }
    if (options.pooled !== false) pool.push(id);
    return id;
  };
  const campaignId = await freshCampaign(2);

  return {
    url,
    http,
    user,
    accountId,
    campaignId,
    pool,
    nextAddress,
    api,
    freshCampaign,
    /** Another user, for cases that change or delete their own user. */
    throwawayUser: signUp,
    /** A campaign of the pool, chosen by `pick`. */
    pooledCampaign: (pick: number) => pool[pick % pool.length]!,
    async freshRecipient(): Promise<{ id: string; rid: string }> {
      const id = await freshCampaign(1);
      const page = expectStatus(await api('GET', `/api/campaigns/${id}/recipients`), [200], 'recipient list');
      return { id, rid: (page.json as { recipients: { id: string }[] }).recipients[0]!.id };
    },
    async freshToken(): Promise<{ id: string; token: string }> {
      const created = expectStatus(await api('POST', '/api/tokens', { name: `doomed ${unique()}` }), [201], 'API token');
      return created.json as { id: string; token: string };
    },
    freshAccount: connectAccount,
    async freshSuppression(): Promise<string> {
      const email = `suppressed-${unique()}@example.com`;
      expectStatus(await api('POST', '/api/suppressions', { email }), [201], 'suppression');
      return email;
    },
  };
}
