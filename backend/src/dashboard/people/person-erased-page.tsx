/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import type { EraseResult } from '../../../../shared/schemas/people';
import { Layout } from '../components/layout';
import { Notice } from '../components/notice';
import { countOf } from '../lib/count-of';

/** After an erasure: what was removed, in counts (the address is gone; the page names it only as it was typed). */
export function PersonErasedPage({ user, email, result }: { user: User; email: string; result: EraseResult }) {
  return (
    <Layout title="Person erased" user={user} path="/people">
      <h1>Person erased</h1>
      <Notice>
        <p>
          <span class="break-anywhere">{email}</span> was erased from {countOf(result.campaigns, 'campaign', 'campaigns')}, and{' '}
          {countOf(result.events, 'tracking event', 'tracking events')} no longer hold their IP address, browser or link.
          {result.files > 0 && ` ${countOf(result.files, 'file', 'files')} attached for them alone ${result.files === 1 ? 'was' : 'were'} deleted.`}
        </p>
      </Notice>
      <p>Only a keyed hash of the address is kept: importing it again counts it as suppressed.</p>
      <p>
        <a href="/people">Find another person</a>
      </p>
    </Layout>
  );
}
