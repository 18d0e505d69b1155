import { Hono, type Context } from 'hono';
import { authorise, lookupBearer } from './bearer-auth';
import { badRequestPage, consentPage } from './consent-page';
import { parseAuthorizationRequest, redirectWith } from './authorization-request';
import { checkFault } from './fault-response';
import { oauthError } from './google-errors';
import { SANDBOX_CSP } from './html';
import { pkceS256 } from './ids';
import type { SandboxDeps } from './sandbox-deps';
import { AUTH_CODE_TTL_MS } from './token-store';

/**
 * Google's OAuth 2.0 endpoints as google-auth-library calls them: `generateAuthUrl` opens
 * GET /o/oauth2/v2/auth; `getToken` and refreshes POST /token (form-encoded, client_secret in the
 * body, or HTTP Basic); `revokeToken` POSTs /revoke?token=... with no body.
 */
export function oauthRoutes(deps: SandboxDeps) {
  const app = new Hono();
  const simpleEmail = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

  const htmlPage = (c: Context, body: string, status: 200 | 400) => {
    c.header('Content-Security-Policy', SANDBOX_CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(body, status);
  };

  app.get('/o/oauth2/v2/auth', (c) => {
    const params = c.req.query();
    const request = parseAuthorizationRequest(params);
    if ('problem' in request) return htmlPage(c, badRequestPage(request.problem), 400);
    // No sandbox session exists, so prompt=none can never succeed (OpenID Connect Core §3.1.2.6).
    if (request.ok.prompt.includes('none')) return c.redirect(redirectWith(request.ok.redirectUri, { error: 'login_required', state: request.ok.state }), 302);
    return htmlPage(c, consentPage(params, request.ok.scopes), 200);
  });

  app.post('/o/oauth2/v2/auth', async (c) => {
    const form = await c.req.parseBody();
    const params: Record<string, string> = { ...c.req.query() };
    for (const [key, value] of Object.entries(form)) if (typeof value === 'string') params[key] = value;
    const request = parseAuthorizationRequest(params);
    if ('problem' in request) return htmlPage(c, badRequestPage(request.problem), 400);
    const { ok } = request;
    if (params.decision !== 'allow') return c.redirect(redirectWith(ok.redirectUri, { error: 'access_denied', state: ok.state }), 302);
    const email = (params.email ?? '').trim().toLowerCase();
    if (!simpleEmail.test(email)) return htmlPage(c, badRequestPage('Enter a mailbox address like someone@example.com.'), 400);
    const now = deps.clock.now();
    const code = await deps.serial(async () => {
      await deps.mailboxes.ensureMailbox(email, now);
      return deps.tokens.createCode({
        clientId: ok.clientId, redirectUri: ok.redirectUri, codeChallenge: ok.codeChallenge, scopes: ok.scopes,
        mailbox: email, offline: ok.offline, expiresAt: now.getTime() + AUTH_CODE_TTL_MS,
      });
    });
    return c.redirect(redirectWith(ok.redirectUri, { state: ok.state, code, scope: ok.scopes.join(' ') }), 302);
  });

  app.post('/token', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
    const basic = parseBasicAuth(c.req.header('Authorization'));
    const clientId = field('client_id') ?? basic?.clientId;
    const grantType = field('grant_type');
    const now = deps.clock.now();

    const subject = grantType === 'refresh_token' ? await deps.tokens.getToken(field('refresh_token') ?? '') : undefined;
    const code = grantType === 'authorization_code' ? await deps.tokens.getCode(field('code') ?? '') : undefined;
    const fault = await checkFault(c, deps, 'token', subject?.mailbox ?? code?.mailbox, 'oauth');
    if (fault.response) return fault.response;

    if (!grantType) return oauthError(c, 400, 'invalid_request', 'Missing required parameter: grant_type');
    if (!clientId) return oauthError(c, 400, 'invalid_request', 'Missing required parameter: client_id');

    if (grantType === 'authorization_code') {
      if (!field('code')) return oauthError(c, 400, 'invalid_request', 'Missing required parameter: code');
      const verifier = field('code_verifier');
      return deps.serial(async () => {
        const current = await deps.tokens.getCode(field('code')!);
        if (!current || current.usedAt !== null || current.expiresAt <= now.getTime()) return oauthError(c, 400, 'invalid_grant', 'Malformed auth code.');
        if (current.clientId !== clientId) return oauthError(c, 400, 'invalid_grant', 'The auth code was issued to another client.');
        if (field('redirect_uri') !== current.redirectUri) return oauthError(c, 400, 'redirect_uri_mismatch', 'Bad Request');
        if (!verifier) return oauthError(c, 400, 'invalid_grant', 'Missing code verifier.');
        if ((await pkceS256(verifier)) !== current.codeChallenge) return oauthError(c, 400, 'invalid_grant', 'Invalid code verifier.');
        await deps.tokens.markCodeUsed(current.code, now);
        const grant = { mailbox: current.mailbox, clientId, scopes: current.scopes };
        const refresh = current.offline ? await deps.tokens.issueRefreshToken(grant, now) : undefined;
        const access = await deps.tokens.issueAccessToken({ ...grant, grantId: refresh?.grantId ?? deps.tokens.newGrantId() }, now, deps.accessTokenTtlMs);
        return c.json({
          access_token: access.token,
          expires_in: Math.floor(deps.accessTokenTtlMs / 1000),
          ...(refresh ? { refresh_token: refresh.token } : {}),
          scope: current.scopes.join(' '),
          token_type: 'Bearer',
        });
      });
    }

    if (grantType === 'refresh_token') {
      if (!field('refresh_token')) return oauthError(c, 400, 'invalid_request', 'Missing required parameter: refresh_token');
      if (!subject || subject.kind !== 'refresh' || subject.revokedAt !== null) return oauthError(c, 400, 'invalid_grant', 'Token has been expired or revoked.');
      if (subject.clientId !== clientId) return oauthError(c, 401, 'unauthorized_client', 'Unauthorized');
      const access = await deps.tokens.issueAccessToken(
        { grantId: subject.grantId, mailbox: subject.mailbox, clientId: subject.clientId, scopes: subject.scopes },
        now,
        deps.accessTokenTtlMs,
      );
      // Google does not rotate refresh tokens: the response carries none.
      return c.json({ access_token: access.token, expires_in: Math.floor(deps.accessTokenTtlMs / 1000), scope: subject.scopes.join(' '), token_type: 'Bearer' });
    }

    return oauthError(c, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  });

  // https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke: the token may
  // be in the query or the form body. Revoking either kind revokes the whole grant.
  app.post('/revoke', async (c) => {
    const form = c.req.header('Content-Type')?.includes('application/x-www-form-urlencoded') ? await c.req.parseBody() : {};
    const value = c.req.query('token') ?? (typeof form.token === 'string' ? form.token : undefined);
    const token = value ? await deps.tokens.getToken(value) : undefined;
    const fault = await checkFault(c, deps, 'revoke', token?.mailbox, 'oauth');
    if (fault.response) return fault.response;
    const now = deps.clock.now().getTime();
    const expired = token?.expiresAt !== null && token?.expiresAt !== undefined && token.expiresAt <= now;
    if (!token || token.revokedAt !== null || expired) return oauthError(c, 400, 'invalid_token', 'Token expired or revoked');
    await deps.tokens.revokeGrant(token.grantId, deps.clock.now());
    return c.body(null, 200);
  });

  app.get('/oauth2/v3/userinfo', async (c) => {
    const token = await lookupBearer(c, deps);
    const fault = await checkFault(c, deps, 'userinfo', token?.mailbox, 'oauth');
    if (fault.response) return fault.response;
    const caller = authorise(c, deps, token, 'userinfo');
    if (caller instanceof Response) return caller;
    const mailbox = await deps.mailboxes.getMailbox(caller.mailbox);
    return c.json({ sub: mailbox!.sub, email: caller.mailbox, email_verified: true });
  });

  return app;
}

/** RFC 6749 §2.3.1: client_id:client_secret, each form-urlencoded, in HTTP Basic. */
function parseBasicAuth(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  try {
    const [id, secret = ''] = atob(match[1]!).split(':');
    return { clientId: decodeURIComponent(id ?? ''), clientSecret: decodeURIComponent(secret) };
  } catch {
    return undefined;
  }
}
