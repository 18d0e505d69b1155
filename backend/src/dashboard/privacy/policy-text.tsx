/** @jsxImportSource hono/jsx */
import { DEFAULT_RETENTION } from '../../../../shared/schemas/settings';
import { CONSENT_YES_VALUES } from '../../../../shared/lib/tracking-consent';
import { OperatorContact, type OperatorInfo } from './operator';

/** The server's TRACKING setting (config.ts): the policy says which applies here. */
export type TrackingMode = 'on' | 'consent' | 'off';

/** What tracking means on this server, in the policy's words. */
function TrackingOnThisServer({ mode }: { mode: TrackingMode }) {
  if (mode === 'off') {
    return (
      <li>
        <strong>On this server open and click tracking is switched off</strong>: no message carries a tracking pixel and no
        link is rewritten, so no opens or clicks are recorded.
      </li>
    );
  }
  return (
    <li>
      {mode === 'consent' ? (
        <strong>On this server tracking needs the recipient’s consent: </strong>
      ) : (
        <>On this server each campaign says whether opens and clicks are counted. </>
      )}
      A campaign may name a consent column of its recipient list: then only recipients whose value there means yes (
      {CONSENT_YES_VALUES.map((value) => `“${value}”`).join(', ')}, in any case) get the tracking pixel and tracked links;
      the others get the same message with their links untouched, and nothing is recorded about them.
      {mode === 'consent' ? ' A campaign without a consent column tracks nobody.' : ''}
    </li>
  );
}

/**
 * The privacy policy's text: the owner's policy, adapted to what this software does (signed session
 * cookies naming server-side sessions; hashed API tokens; hosting on Cloudflare Workers or a server
 * of your own). Every promise in it must stay true of the code: change the code, update the text.
 */
export function PolicyText({ operator, sessionLifetime, trackingMode }: { operator: OperatorInfo; sessionLifetime: string; trackingMode: TrackingMode }) {
  const contactOperator = operator.contact ? (
    <>
      contact {operator.name} at <OperatorContact contact={operator.contact} />
    </>
  ) : (
    <>contact {operator.name}</>
  );
  return (
    <>
      <p>
        This Privacy Policy describes how iConnect (“we,” “us,” or “the Service”) handles information when you use the Gmail
        campaign platform, including the web dashboard and the optional Chrome extension. iConnect is self-hosted software:
        it is typically operated by you or your organization on infrastructure you control (for example, a private
        deployment or your own cloud account). This iConnect server is operated by <strong>{operator.name}</strong>.
      </p>

      <section aria-labelledby="responsible">
        <h2 id="responsible">1. Who is responsible</h2>
        <p>
          The party that deploys and administers this iConnect instance (the “Operator”) is responsible for this Service
          and for fulfilling privacy obligations toward end users. If you have questions about how your data is handled,{' '}
          {contactOperator}. This policy describes what the software does by design.
        </p>
      </section>

      <section aria-labelledby="collect">
        <h2 id="collect">2. Information we collect</h2>
        <h3>Account and authentication</h3>
        <ul>
          <li>Email address and password (the password is stored only as a one-way hash, never as the password itself)</li>
          <li>
            One session cookie that keeps you signed in: a signed token (a JWT) naming a session record kept on the server.
            The session record holds when it started, when it expires, and your browser’s user agent. The cookie cannot be
            read by scripts, and the dashboard sets no other cookies.
          </li>
          <li>
            Counts of sign-in attempts per email address and per network (IP) address, and of wrong passwords given to
            confirm a password change or an account deletion, to slow down password guessing. A count is deleted at the
            first attempt after it stops counting (15 minutes after it started, or when the block it set ends)
          </li>
          <li>
            An activity log of your account, which you can read on the “Activity log” page: sign-ins (and failed sign-ins
            for your address, with the network address they came from, which is removed after the IP address period of
            section 6), API tokens created and revoked, Gmail accounts
            connected and disconnected, settings changed, campaigns created, launched, paused, resumed, cancelled and
            deleted, imports, exports, and people looked up or erased. Each entry says when, and whether it was done from
            a signed-in browser, by which API token, or by iConnect itself. It never holds a password, a token, a message
            body or a recipient’s address (a person looked up or erased appears only as a keyed hash).
          </li>
        </ul>
        <h3>Gmail connection</h3>
        <ul>
          <li>
            OAuth tokens and related metadata for Gmail accounts you connect (tokens are encrypted at rest using your
            deployment’s encryption key)
          </li>
          <li>Connected Gmail address and account settings (for example, daily send limits)</li>
        </ul>
        <h3>Campaign and recipient data</h3>
        <ul>
          <li>Campaign names, subjects, HTML bodies, schedules, and send settings</li>
          <li>Recipient information you import or enter (such as email addresses, names, and custom merge fields)</li>
          <li>Send job status, errors, and delivery-related logs</li>
          <li>
            The postal address you enter in your settings, printed in the footer of every campaign message beside the
            unsubscribe link (commercial email must show one)
          </li>
          <li>
            Replies, automatic replies and bounces in the threads a campaign started, when “Detect replies and bounces” is
            on: their headers are read to tell which is which, and only the outcome is kept (replied, bounced, an
            out-of-office with its return date). A bounce or an automatic reply is fetched whole, and only its
            delivery-status part (a bounce; without one, the first kilobyte of the notice) or the first kilobyte of its
            text (an automatic reply; for one written only in HTML, the first 4 KB of the HTML) is read, to find the bounce’s reason and the return date; no message text is stored or
            logged. A person’s reply is never read beyond its headers.
          </li>
        </ul>
        <h3>Email tracking</h3>
        <ul>
          <li>
            Open and click events when tracking is enabled, including timestamps and recipient identifiers linked to
            campaigns
          </li>
          <li>
            Technical data needed to serve tracking pixels and redirect links (for example, IP address and user agent, as
            received by your tracking endpoint)
          </li>
          <TrackingOnThisServer mode={trackingMode} />
          <li>
            A recipient can stop being tracked: the unsubscribe page of every message also offers “Stop tracking my opens
            and clicks”. From then on that address gets no pixel and no tracked links from that sender, and nothing more is
            recorded about its opens and clicks, earlier messages included. Only a keyed hash of the address is kept for
            this.
          </li>
        </ul>
        <h3>Chrome extension</h3>
        <ul>
          <li>
            If you use the extension: API tokens you generate, Gmail compose content you choose to export, and connection
            state between the extension and your iConnect server’s URL. The server keeps only a hash of each API token, a
            short preview of it, and when it was created and last used; the full token is shown once, when you create it.
          </li>
        </ul>
      </section>

      <section aria-labelledby="use">
        <h2 id="use">3. How we use information</h2>
        <p>We use collected information to:</p>
        <ul>
          <li>Authenticate you and operate the dashboard</li>
          <li>Send email on your behalf through connected Gmail accounts</li>
          <li>Apply merge tags, throttling, work schedules, and per-account rotation</li>
          <li>Record campaign progress and optional open/click analytics</li>
          <li>Support the Chrome extension’s account linking and draft export features</li>
        </ul>
        <p>
          We do not sell your personal information. We do not use your data for third-party advertising. The dashboard loads
          no third-party scripts, fonts, or analytics.
        </p>
      </section>

      <section aria-labelledby="third-parties">
        <h2 id="third-parties">4. Third-party services</h2>
        <p>Depending on your configuration, data may be processed by:</p>
        <ul>
          <li>
            Google / Gmail API — to send mail and manage OAuth for connected accounts (subject to{' '}
            <a href="https://policies.google.com/privacy">Google’s Privacy Policy</a>)
          </li>
          <li>
            Hosting and database providers — for example, Cloudflare Workers or a server of the Operator’s own (web app and
            API), and Turso (database), if the Operator deploys there
          </li>
        </ul>
        <p>The Operator chooses these providers and is responsible for their agreements and data processing terms.</p>
      </section>

      <section aria-labelledby="security">
        <h2 id="security">5. Storage and security</h2>
        <p>
          Data is stored in the database configured for the deployment (a SQLite file on the Operator’s own server, or Turso
          in production). Passwords and API tokens are stored only as one-way hashes. Gmail OAuth tokens are encrypted with
          the ENCRYPTION_KEY set in the server’s environment, and session cookies are signed with its AUTH_SECRET. The
          Operator is responsible for protecting these secrets, access to the server, and backups.
        </p>
        <p>
          The embedded database file is written with SQLite’s secure delete, so deleted and erased data is overwritten in
          the file rather than left in free space; copies of the file made outside iConnect (backups) are the Operator’s to
          delete. A hosted Turso database keeps its own history outside iConnect’s reach: Turso can restore a database to
          any moment of the last 24 hours to 90 days (depending on the plan), so deleted data remains in that history until
          the period passes.
        </p>
      </section>

      <section aria-labelledby="retention">
        <h2 id="retention">6. Retention</h2>
        <p>
          Each user sets how long tracking data is kept, and iConnect deletes it once a day when that time has passed:
          opens, clicks, replies, bounces and unsubscribes are deleted after {DEFAULT_RETENTION.trackingEventsDays} days
          (13 months) by default, and the IP address and user agent of the events that are kept are removed after{' '}
          {DEFAULT_RETENTION.ipAddressDays} days by default. A user may also have the recipients of campaigns that finished
          more than a set number of days ago deleted, with the files attached for each of them alone (off by default). Other campaign and recipient data are retained until
          deleted by an authorized user or until the Operator removes or resets the database. A session ends when you sign out, when it expires ({sessionLifetime} after you
          sign in, on this server), or when you change your password, which signs out all your other sessions. Revoking an
          API token deletes it.
        </p>
      </section>

      <section aria-labelledby="choices">
        <h2 id="choices">7. Your choices and rights</h2>
        <p>Depending on applicable law and your role, you may be able to:</p>
        <ul>
          <li>
            Access or correct account information through the Service (your email address can be changed on the profile
            page, with your password) or the Operator
          </li>
          <li>
            Answer a person’s request about their data: the “Find a person” page shows everything your account holds about
            one email address (the campaigns it is in, its fields, states and events) and downloads it, and “Erase this
            person” removes the address, and the files attached for that person alone, from every campaign of your account while your campaigns’ totals stay. Only a keyed
            hash of the address is kept, so that it is never imported and mailed again, and the deleted data is overwritten
            in the database file.
          </li>
          <li>Set how long tracking data and the IP addresses of tracked visits are kept</li>
          <li>Disconnect Gmail accounts from the Gmail accounts section of the dashboard</li>
          <li>Delete campaigns and associated recipient data from the dashboard</li>
          <li>Send campaigns with open and click tracking switched off</li>
          <li>Revoke API tokens from the API tokens page</li>
          <li>Request deletion or export of your data from the Operator</li>
        </ul>
        <p>
          If you are a recipient of emails sent through iConnect, the unsubscribe link in each message stops further email
          from that sender and lets you stop the tracking of your opens and clicks; contact the sender or their organization
          directly regarding other privacy requests.
        </p>
      </section>

      <section aria-labelledby="recipients">
        <h2 id="recipients">8. Email recipients</h2>
        <p>
          If you import contacts or send campaigns, you are responsible for having a lawful basis to process recipient data,
          providing required notices, and honoring opt-out requests. Tracking pixels and links should be disclosed where
          required by law.
        </p>
      </section>

      <section aria-labelledby="children">
        <h2 id="children">9. Children</h2>
        <p>The Service is not directed at children under 16, and we do not knowingly collect their personal information.</p>
      </section>

      <section aria-labelledby="changes">
        <h2 id="changes">10. Changes</h2>
        <p>
          We may update this Privacy Policy from time to time. The “Last updated” date at the top will change when we do.
          Continued use of the Service after changes constitutes acceptance of the revised policy.
        </p>
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact">11. Contact</h2>
        <p>
          For privacy questions about this iConnect instance, {contactOperator}. If you operate your own deployment, use the
          administrative contact defined for your organization.
        </p>
      </section>
    </>
  );
}
