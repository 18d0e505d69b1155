import { parseScopes } from './scopes';

/**
 * Validates an authorization request (RFC 6749 §4.1.1 with RFC 7636 PKCE). Deliberately stricter
 * than Google: `state` and S256 PKCE are required, so the product cannot silently drop them.
 */
export type AuthorizationRequest = {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeChallenge: string;
  offline: boolean;
  prompt: string[];
  loginHint: string | undefined;
};

const PROMPTS = new Set(['none', 'consent', 'select_account']);

export function parseAuthorizationRequest(params: Record<string, string | undefined>): { ok: AuthorizationRequest } | { problem: string } {
  const clientId = params.client_id;
  if (!clientId) return { problem: 'Missing required parameter: client_id' };
  const redirectUri = params.redirect_uri;
  if (!redirectUri) return { problem: 'Missing required parameter: redirect_uri' };
  let redirect: URL;
  try {
    redirect = new URL(redirectUri);
  } catch {
    return { problem: `Invalid parameter value for redirect_uri: ${redirectUri}` };
  }
  if (redirect.protocol !== 'https:' && redirect.protocol !== 'http:') return { problem: 'Invalid parameter value for redirect_uri: must be http or https' };
  // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment.
  if (redirect.hash) return { problem: 'Invalid parameter value for redirect_uri: Fragment is not allowed' };
  if (params.response_type !== 'code') return { problem: `Unsupported response_type: ${params.response_type ?? '(missing)'}; only "code" is supported` };
  if (!params.scope) return { problem: 'Missing required parameter: scope' };
  const scopes = parseScopes(params.scope);
  if ('unknown' in scopes) return { problem: `Some requested scopes were invalid: ${scopes.unknown}` };
  if (!params.state) return { problem: 'Missing required parameter: state (the sandbox requires it to catch CSRF regressions)' };
  if (!params.code_challenge) return { problem: 'Missing required parameter: code_challenge (the sandbox requires PKCE)' };
  if (params.code_challenge_method !== 'S256') return { problem: 'Invalid code_challenge_method: only S256 is accepted' };
  // RFC 7636 §4.2: BASE64URL(SHA256) is 43 characters.
  if (!/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) return { problem: 'Invalid code_challenge: expected 43 base64url characters' };
  const accessType = params.access_type ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline') return { problem: `Invalid access_type: ${accessType}` };
  const prompt = (params.prompt ?? '').split(' ').filter(Boolean);
  if (prompt.some((p) => !PROMPTS.has(p))) return { problem: `Invalid prompt: ${params.prompt}` };
  if (prompt.includes('none') && prompt.length > 1) return { problem: 'prompt=none cannot be combined with other values' };
  return {
    ok: {
      clientId, redirectUri, scopes: scopes.scopes, state: params.state, codeChallenge: params.code_challenge,
      offline: accessType === 'offline', prompt, loginHint: params.login_hint,
    },
  };
}

/** Appends the response to the redirect URI, keeping its own query (RFC 6749 §3.1.2). */
export function redirectWith(redirectUri: string, values: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  return url.toString();
}
