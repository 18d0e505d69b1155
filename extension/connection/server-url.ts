import { err, ok, type MessageError, type Result } from '../messages/result';

/** Hosts covered by the manifest's `host_permissions` (over plain http, any port). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * Turns what the user typed into the server's base URL: `http(s)://host[:port][/path]`
 * with no trailing slash, query, fragment or credentials. A missing scheme means
 * https, except for this machine where a self-hosted server usually runs on http.
 * A path is kept so a server behind a reverse proxy at `/iconnect` works.
 *
 * @example
 * normaliseServerUrl('localhost:8787/') // ok('http://localhost:8787')
 * normaliseServerUrl('mail.example.com') // ok('https://mail.example.com')
 */
export function normaliseServerUrl(input: string): Result<string> {
  const trimmed = input.trim();
  if (trimmed === '') return err('invalid-url', "Enter your iConnect server's address.");

  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `${defaultScheme(trimmed)}://${trimmed}`);
  } catch {
    return err('invalid-url', `"${trimmed}" is not a web address. Try something like https://iconnect.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err('invalid-url', 'The server address must start with http:// or https://.');
  }
  if (url.username !== '' || url.password !== '') {
    return err('invalid-url', 'Leave the user name and password out of the server address.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return ok(`${url.protocol}//${url.host}${path}`);
}

function defaultScheme(withoutScheme: string): 'http' | 'https' {
  const host = withoutScheme.split(/[/:?#]/, 1)[0]?.toLowerCase() ?? '';
  return LOCAL_HOSTS.has(host) ? 'http' : 'https';
}

/**
 * The optional host permission the background needs to reach `serverUrl`, or
 * `null` when the manifest already grants it. Ports are left out on purpose:
 * Chrome's match patterns without a port match every port.
 */
export function hostPermissionFor(serverUrl: string): string | null {
  const url = new URL(serverUrl);
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/** The dashboard page where the user creates an API token. */
export function tokensPageUrl(serverUrl: string): string {
  return `${serverUrl}/tokens`;
}

/**
 * Said when the user (or Chrome) refused the host permission for `serverUrl`; `button` is the
 * label to press again, where the new request can be made in a fresh user gesture.
 */
export function hostPermissionRefused(serverUrl: string, button: string): { ok: false; error: MessageError } {
  const { host } = new URL(serverUrl);
  return err('unreachable', `iConnect needs your permission to reach ${host}. Press ${button} again and choose Allow.`);
}
