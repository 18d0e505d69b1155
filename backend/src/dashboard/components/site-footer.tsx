/** @jsxImportSource hono/jsx */

/** On every page, signed in or not: the privacy policy must be reachable before an account exists. */
export function SiteFooter() {
  return (
    <footer class="site-footer">
      <div class="wrap">
        <a href="/privacy">Privacy policy</a>
      </div>
    </footer>
  );
}
