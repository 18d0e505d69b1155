/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';

const SIGNED_IN_LINKS = [
  { href: '/', label: 'Home' },
  { href: '/campaigns', label: 'Campaigns' },
  { href: '/suppressions', label: 'Suppressions' },
  { href: '/people', label: 'Find a person' },
  { href: '/accounts', label: 'Gmail accounts' },
  { href: '/tokens', label: 'API tokens' },
  { href: '/activity', label: 'Activity log' },
  { href: '/account', label: 'Account' },
] as const;

const SIGNED_OUT_LINKS = [
  { href: '/login', label: 'Sign in' },
  { href: '/signup', label: 'Create account' },
] as const;

/** Product name and navigation; signing out is a POST form, since a GET link could be triggered by any page. */
export function SiteHeader({ user, path, signOut = true }: { user: User | undefined; path: string; signOut?: boolean }) {
  const links = user ? SIGNED_IN_LINKS : SIGNED_OUT_LINKS;
  return (
    <header class="site-header">
      <div class="wrap">
        <a class="brand" href="/">
          iConnect
        </a>
        <nav class="site-nav" aria-label="Main">
          <ul>
            {links.map((link) => (
              <li>
                <a href={link.href} aria-current={link.href === path ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
            {user && signOut && (
              <li>
                <form method="post" action="/logout">
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
