import { describe, expect, it } from 'vitest';
import { CLIENT, REDIRECT_URI, connectMailbox, consent, failure, gmailWith, oauthClient, sandboxServerEach } from '../testing/gmail-sandbox-harness';

describe('Gmail sandbox OAuth, through google-auth-library', () => {
  const { server, clock } = sandboxServerEach();

  /** What the product does with a stored refresh token: a fresh client, then a refresh. */
  const refreshWith = (refreshToken: string) => {
    const auth = oauthClient(server.url);
    auth.setCredentials({ refresh_token: refreshToken });
    return auth.refreshAccessToken();
  };

  it('completes the authorization-code flow with PKCE and issues access and refresh tokens', async () => {
    const { tokens, auth } = await connectMailbox(server.url, 'Alice@Example.com');
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toContain('https://www.googleapis.com/auth/userinfo.email');
    const { data } = await auth.request<{ email: string; email_verified: boolean; sub: string }>({ url: `${server.url}/oauth2/v3/userinfo` });
    expect(data).toMatchObject({ email: 'alice@example.com', email_verified: true });
    expect(data.sub).toMatch(/^\d{21}$/);
  });

  it('shows a labelled consent page listing the scopes, with the login hint escaped', async () => {
    const auth = oauthClient(server.url);
    const url = auth.generateAuthUrl({
      scope: ['https://www.googleapis.com/auth/gmail.send'], state: 's', code_challenge: 'a'.repeat(43),
      code_challenge_method: 'S256' as never, login_hint: '"><script>x</script>',
    });
    const page = await fetch(url);
    const body = await page.text();
    expect(page.status).toBe(200);
    expect(body).toContain('Gmail sandbox — no real Google account is involved');
    expect(body).toContain('Send email on your behalf');
    expect(body).not.toContain('<script>x');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers a malformed authorization request with a 400 page, never a redirect', async () => {
    const base = `${server.url}/o/oauth2/v2/auth?client_id=c&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=email&state=s`;
    const noPkce = await fetch(base, { redirect: 'manual' });
    expect(noPkce.status).toBe(400);
    expect(await noPkce.text()).toContain('code_challenge');
    const plain = await fetch(`${base}&code_challenge=${'a'.repeat(43)}&code_challenge_method=plain`, { redirect: 'manual' });
    expect(plain.status).toBe(400);
    const badScope = await fetch(base.replace('scope=email', 'scope=https%3A%2F%2Fevil.example%2Fall') + `&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`);
    expect(badScope.status).toBe(400);
  });

  it('redirects with error=access_denied and the state when the user cancels', async () => {
    const auth = oauthClient(server.url);
    const url = auth.generateAuthUrl({ scope: ['email'], state: 'keep-me', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' as never });
    const params = await consent(url, 'bob@example.com', 'deny');
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('keep-me');
    expect(params.get('code')).toBeNull();
  });

  it('refuses a code used twice, a wrong code_verifier and a different redirect_uri with Google errors', async () => {
    const auth = oauthClient(server.url);
    const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
    const url = auth.generateAuthUrl({ access_type: 'offline', scope: ['email'], state: 's', code_challenge: codeChallenge!, code_challenge_method: 'S256' as never });

    const wrong = (await consent(url, 'carol@example.com')).get('code')!;
    const badVerifier = await failure(auth.getToken({ code: wrong, codeVerifier: codeVerifier + 'x' }));
    expect(badVerifier.status).toBe(400);
    expect(badVerifier.data).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });

    const code = (await consent(url, 'carol@example.com')).get('code')!;
    const mismatch = await failure(auth.getToken({ code, codeVerifier, redirect_uri: 'http://127.0.0.1:9/other' }));
    expect(mismatch.data).toMatchObject({ error: 'redirect_uri_mismatch' });
    await auth.getToken({ code, codeVerifier });
    const reused = await failure(auth.getToken({ code, codeVerifier }));
    expect(reused.status).toBe(400);
    expect(reused.data.error).toBe('invalid_grant');
  });

  it('expires codes after 10 minutes', async () => {
    const auth = oauthClient(server.url);
    const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
    const url = auth.generateAuthUrl({ scope: ['email'], state: 's', code_challenge: codeChallenge!, code_challenge_method: 'S256' as never });
    const code = (await consent(url, 'dan@example.com')).get('code')!;
    clock.advance(10 * 60_000 + 1);
    expect((await failure(auth.getToken({ code, codeVerifier }))).data.error).toBe('invalid_grant');
  });

  it('issues no refresh token for online access', async () => {
    const { tokens } = await connectMailbox(server.url, 'erin@example.com', { offline: false });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('answers an expired access token with 401 authError, and the client refreshes when it knows it must', async () => {
    const { tokens, gmail } = await connectMailbox(server.url, 'frank@example.com');
    await gmail.users.messages.list({ userId: 'me' });
    clock.advance(3_600_000);

    // The client still believes its token valid (its expiry_date is in real time): a 401.
    const expired = await failure(gmail.users.messages.list({ userId: 'me' }));
    expect(expired.status).toBe(401);
    expect(expired.data.error.errors[0].reason).toBe('authError');
    expect(expired.data.error.status).toBe('UNAUTHENTICATED');

    // A client that knows its token expired refreshes against the configured token URL.
    const stale = gmailWith(server.url, { ...tokens, expiry_date: Date.now() - 1000 });
    await stale.gmail.users.messages.list({ userId: 'me' });
    expect(stale.auth.credentials.access_token).not.toBe(tokens.access_token);
    expect(stale.auth.credentials.refresh_token).toBe(tokens.refresh_token);

    // forceRefreshOnFailure turns the 401 into a refresh and a retry.
    const forced = gmailWith(server.url, tokens, { forceRefreshOnFailure: true });
    await forced.gmail.users.messages.list({ userId: 'me' });
    expect(forced.auth.credentials.access_token).not.toBe(tokens.access_token);
  });

  it('gives invalid_grant after the refresh token is revoked, and revoking revokes its access tokens too', async () => {
    const { tokens, auth } = await connectMailbox(server.url, 'grace@example.com');
    await auth.revokeToken(tokens.refresh_token!);
    const refresh = await failure(refreshWith(tokens.refresh_token!));
    expect(refresh.status).toBe(400);
    expect(refresh.data).toMatchObject({ error: 'invalid_grant' });
    const { gmail } = gmailWith(server.url, { access_token: tokens.access_token!, expiry_date: Date.now() + 3_600_000 });
    expect((await failure(gmail.users.messages.list({ userId: 'me' }))).status).toBe(401);
    expect((await failure(auth.revokeToken(tokens.refresh_token!))).data).toMatchObject({ error: 'invalid_token' });
  });

  it('revoking the access token (revokeCredentials) revokes the whole grant, as Google does', async () => {
    const { tokens, auth } = await connectMailbox(server.url, 'heidi@example.com');
    await auth.revokeCredentials();
    expect((await failure(refreshWith(tokens.refresh_token!))).data.error).toBe('invalid_grant');
  });

  it('fails a refresh with invalid_grant through a token fault', async () => {
    const { tokens } = await connectMailbox(server.url, 'ivan@example.com');
    server.sandbox.faults.add({ operation: 'token', status: 400, reason: 'invalid_grant', count: 1 });
    const first = await failure(refreshWith(tokens.refresh_token!));
    expect(first.status).toBe(400);
    expect(first.data).toMatchObject({ error: 'invalid_grant' });
    await refreshWith(tokens.refresh_token!);
  });

  it('refuses a refresh from another client id', async () => {
    const { tokens } = await connectMailbox(server.url, 'judy@example.com');
    const response = await fetch(`${server.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: 'other', client_secret: CLIENT.clientSecret }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('answers 403 insufficientPermissions for a method the granted scopes do not allow', async () => {
    const { gmail, auth } = await connectMailbox(server.url, 'ken@example.com', { scopes: ['https://www.googleapis.com/auth/gmail.send'] });
    const profile = await failure(gmail.users.getProfile({ userId: 'me' }));
    expect(profile.status).toBe(403);
    expect(profile.data.error.errors[0].reason).toBe('insufficientPermissions');
    expect((await failure(auth.request({ url: `${server.url}/oauth2/v3/userinfo` }))).status).toBe(403);
  });
});
