import { html, page, raw } from './html';
import { describeScope } from './scopes';

/** The fields of an authorization request that the consent form carries through as hidden inputs. */
export const CARRIED_PARAMS = [
  'client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge', 'code_challenge_method',
  'access_type', 'prompt', 'login_hint', 'include_granted_scopes',
] as const;

export function consentPage(params: Record<string, string>, scopes: string[]): string {
  const hidden = CARRIED_PARAMS.filter((name) => params[name] !== undefined).map(
    (name) => html`<input type="hidden" name="${name}" value="${params[name]}">`,
  );
  const scopeItems = scopes.map((scope) => html`<li>${describeScope(scope)} <span class="meta">(${scope})</span></li>`);
  return page(
    'Sign in — Gmail sandbox',
    html`<h1>Allow access to a sandbox mailbox</h1>
<div class="card">
  <p>The application <strong>${params.client_id ?? ''}</strong> wants to:</p>
  <ul>${scopeItems}</ul>
  <p class="meta">${params.access_type === 'offline' ? 'It asks for offline access: it can keep using your mailbox when you are not there.' : 'Online access only.'}</p>
  <p class="meta">After you choose, you go back to ${params.redirect_uri ?? ''}</p>
</div>
<form method="post" class="card">
  ${hidden}
  <label for="email">Sandbox mailbox address (any address; it is created if new)</label>
  <p><input type="email" id="email" name="email" required value="${params.login_hint ?? ''}" autocomplete="email"></p>
  <button type="submit" name="decision" value="allow" class="primary">Allow</button>
  <button type="submit" name="decision" value="deny" formnovalidate>Cancel</button>
</form>`,
  );
}

export function badRequestPage(problem: string): string {
  return page(
    'Error 400 — Gmail sandbox',
    html`<h1>Error 400: invalid_request</h1><div class="card"><p>${problem}</p>
<p class="meta">${raw('Google shows a page like this (and does not redirect) when the request itself is malformed.')}</p></div>`,
  );
}
