/** Where the dashboard lands after sign-in when no (usable) `next` was given. */
export const HOME_PATH = '/';

const PLACEHOLDER_ORIGIN = 'http://dashboard.invalid';

/**
 * A `next` value we may redirect to: a path on this server, never another site. Refuses `//host`
 * and `/\host` (browsers read both as a protocol-relative URL), absolute URLs, and control
 * characters (the URL parser drops tabs and newlines, so `/\t/host` would become `//host`).
 *
 * @example safeNextPath('/tokens?x=1') // '/tokens?x=1'
 * @example safeNextPath('//evil.example') // '/'
 */
export function safeNextPath(value: string | undefined | null): string {
  if (!value || value.length > 2000) return HOME_PATH;
  if (!/^\/(?![/\\])/.test(value) || /[\u0000-\u001f\u007f\\]/.test(value)) return HOME_PATH;
  const url = new URL(value, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return HOME_PATH;
  return url.pathname + url.search + url.hash;
}

/** `/login?next=<path>` for a visitor who must sign in first; home needs no `next`. */
export function loginPathFor(next: string): string {
  const safe = safeNextPath(next);
  return safe === HOME_PATH ? '/login' : `/login?next=${encodeURIComponent(safe)}`;
}
