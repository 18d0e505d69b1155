import type { MessageError } from '../messages/result';
import { err, ok, type Result } from '../messages/result-envelope';

/** Hosts covered by the manifest's `host_permissions` (over plain http, any port). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * Turns what the user typed into the server's base URL: `http(s)://host[:port][/path]`
 * with no trailing slash, query, fragment or credentials. A missing scheme means
 * https, except for this machine where a self-hosted server usually runs on http.
 * A path is kept so a server behind a reverse proxy at `/iconnect` works.
 *
 * Plain http:// is refused for any server but this computer (issue 12): the API token goes with
 * every request, and over http:// anyone on the network path (café Wi-Fi, a LAN, a proxy) could
 * read it and act as the user until it is revoked.
 *
 * @example
 * normaliseServerUrl('localhost:8787/') // ok('http://localhost:8787')
 * normaliseServerUrl('mail.example.com') // ok('https://mail.example.com')
 * normaliseServerUrl('http://192.168.1.20:8787') // err('invalid-url', '… unencrypted …')
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
  const badHost = hostNameProblem(url.hostname, trimmed);
  if (badHost) return err('invalid-url', badHost);
  if (url.username !== '' || url.password !== '') {
    return err('invalid-url', 'Leave the user name and password out of the server address.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return err(
      'invalid-url',
      `http://${url.host} is not encrypted: your API token would cross the network readable by anyone on the way. ` +
        `Use the server's https:// address (plain http:// is only for a server on this computer, such as http://localhost:8787).`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  return ok(`${url.protocol}//${url.host}${path}`);
}

/** A DNS name (IDNs arrive as punycode), an IPv4 address, or a bracketed IPv6 address. */
const HOST_NAME = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/;

/**
 * What is wrong with the host of an address the URL parser took, or null. Chrome's parser accepts
 * "https://exa mple.com" as `exa%20mple.com`, which no server can have: linking then waited forever
 * on a permission for that name (issue 14). Say so instead.
 */
function hostNameProblem(hostname: string, typed: string): string | null {
  if (hostname.startsWith('[') || HOST_NAME.test(hostname)) return null;
  if (/\s/.test(typed)) return `"${typed}" is not a web address: a server address has no spaces.`;
  return `"${typed}" is not a web address: a server name has only letters, digits, dots and hyphens. Try something like https://iconnect.example.com.`;
}

/**
 * localhost, 127.0.0.0/8 and [::1]: names whose traffic never leaves this computer, the only
 * places an API token may go over plain http. The URL parser has already turned `127.1` or
 * `0x7f.0.0.1` into `127.0.0.1` and lower-cased the name.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function defaultScheme(withoutScheme: string): 'http' | 'https' {
  try {
    return isLoopbackHost(new URL(`https://${withoutScheme}`).hostname) ? 'http' : 'https';
  } catch {
    return 'https'; // the caller reports the address as unreadable
  }
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
