/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { DASHBOARD } from '../../audit/record-audit';
import type { AppDeps } from '../../deps';
import { erasePerson } from '../../people/erase-person';
import { checkPersonAddress } from '../../people/person-address';
import { personRecord, viewPerson } from '../../people/person-record';
import type { SignedInEnv } from '../dashboard-env';
import type { FieldErrors } from '../lib/field-errors';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { ErasePersonPage } from './erase-person-page';
import { FindPersonPage } from './find-person-page';
import { PersonErasedPage } from './person-erased-page';

/** The address's comparison key, or the message to show beside the field. */
function readAddress(raw: string): { ok: true; key: string } | { ok: false; errors: FieldErrors } {
  const address = checkPersonAddress(raw);
  return address.ok ? address : { ok: false, errors: { email: address.message } };
}

/**
 * `/people`: "Find a person" (what is held about one address, to show, download and erase) and
 * the erasure behind a confirmation page. The record and the erasure are people/'s, as the API's.
 */
export function peoplePages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();
  const sameOrigin = sameOriginOnly(deps);
  const signedIn = requireUser(deps);

  app.get('/people', pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    const email = c.req.query('email');
    if (email === undefined || email.trim() === '') return renderPage(c, <FindPersonPage user={user} />);
    const address = readAddress(email);
    if (!address.ok) return renderPage(c, <FindPersonPage user={user} email={email} errors={address.errors} />, 400);
    const person = await viewPerson(deps, { userId: user.id, key: address.key, actor: DASHBOARD });
    return renderPage(c, <FindPersonPage user={user} email={email} person={person} />);
  });

  app.get('/people/erase', pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    const email = c.req.query('email') ?? '';
    const address = readAddress(email);
    if (!address.ok) return renderPage(c, <FindPersonPage user={user} email={email} errors={address.errors} />, 400);
    return renderPage(c, <ErasePersonPage user={user} person={await personRecord(deps, user.id, address.key)} />);
  });

  app.post('/people/erase', pageHeaders, sameOrigin, signedIn, async (c) => {
    const user = c.get('user');
    const form = await readForm(c, ['email', 'confirm']);
    const address = readAddress(form.email);
    if (!address.ok) return renderPage(c, <FindPersonPage user={user} email={form.email} errors={address.errors} />, 400);
    if (form.confirm !== 'true') {
      const person = await personRecord(deps, user.id, address.key);
      return renderPage(c, <ErasePersonPage user={user} person={person} errors={{ confirm: 'Tick the box to confirm the erasure' }} />, 400);
    }
    const result = await erasePerson(deps, { userId: user.id, key: address.key, actor: DASHBOARD });
    // Answered here rather than redirected: the counts belong to this erasure, and the address stays out of the next URL.
    return renderPage(c, <PersonErasedPage user={user} email={address.key} result={result} />);
  });

  return app;
}
