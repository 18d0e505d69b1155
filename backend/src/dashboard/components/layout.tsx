/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { User } from '../../../../shared/schemas/auth';
import { ASSET_URLS } from '../assets/asset-routes';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

export type LayoutProps = {
  /** The page's own title; the product name is appended. */
  title: string;
  /** The signed-in user, or undefined on public pages and for signed-out visitors. */
  user: User | undefined;
  /** The request path, to mark the current nav item. */
  path: string;
  /**
   * False on a page sent with `Referrer-Policy: no-referrer`: the browser would post the sign-out
   * form with `Origin: null`, which the CSRF check refuses.
   */
  signOut?: boolean;
  children?: Child;
};

/** The frame of every dashboard page: one stylesheet, one deferred script, header, main, footer. */
export function Layout({ title, user, path, signOut = true, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · iConnect`}</title>
        {/* An empty icon: otherwise every page load asks for /favicon.ico, which does not exist. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={ASSET_URLS.css} />
        <script src={ASSET_URLS.js} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={user} path={path} signOut={signOut} />
        <main id="main" class="wrap" tabindex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
