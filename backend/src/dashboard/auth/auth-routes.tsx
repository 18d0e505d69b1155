/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { loginBodySchema } from '../../../../shared/schemas/auth';
import { DASHBOARD, recordAudit } from '../../audit/record-audit';
import { logIn, signUp } from '../../auth/auth-service';
import { signupRequestSchema } from '../../auth/password-rule';
import { clearSessionCookie } from '../../auth/session-cookie';
import { endSession } from '../../auth/sessions';
import type { AppDeps } from '../../deps';
import { toFieldErrors, type FieldErrors } from '../lib/field-errors';
import { formFailure } from '../lib/form-failure';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { safeNextPath } from '../lib/safe-next-path';
import { currentSession } from '../middleware/current-session';
import { pageHeaders } from '../middleware/page-headers';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { LoginPage } from './login-page';
import { SignupPage } from './signup-page';

/** `/signup`, `/login`, `/logout`: the dashboard's forms over the same auth service as the JSON API. */
export function authPages(deps: AppDeps) {
  const app = new Hono();
  const sameOrigin = sameOriginOnly(deps);

  app.get('/signup', pageHeaders, async (c) => {
    const next = safeNextPath(c.req.query('next'));
    if (await currentSession(deps, c)) return c.redirect(next, 303);
    return renderPage(c, <SignupPage next={next} />);
  });

  app.post('/signup', pageHeaders, sameOrigin, async (c) => {
    const form = await readForm(c, ['email', 'password', 'passwordConfirmation', 'next']);
    const next = safeNextPath(form.next);
    const parsed = signupRequestSchema.safeParse(form);
    const errors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error.issues);
    if (form.passwordConfirmation !== form.password) errors.passwordConfirmation ??= 'The passwords do not match';
    if (!parsed.success || Object.keys(errors).length > 0) {
      return renderPage(c, <SignupPage email={form.email} next={next} errors={errors} />, 400);
    }
    try {
      await signUp(deps, c, parsed.data);
    } catch (error) {
      const failure = formFailure(error, ['conflict', 'validation-failed']);
      return renderPage(c, <SignupPage email={form.email} next={next} errors={failure.errors} />, failure.status, failure.headers);
    }
    return c.redirect(next, 303);
  });

  app.get('/login', pageHeaders, async (c) => {
    const next = safeNextPath(c.req.query('next'));
    if (await currentSession(deps, c)) return c.redirect(next, 303);
    return renderPage(c, <LoginPage next={next} />);
  });

  app.post('/login', pageHeaders, sameOrigin, async (c) => {
    const form = await readForm(c, ['email', 'password', 'next']);
    const next = safeNextPath(form.next);
    const parsed = loginBodySchema.safeParse(form);
    if (!parsed.success) {
      return renderPage(c, <LoginPage email={form.email} next={next} errors={toFieldErrors(parsed.error.issues)} />, 400);
    }
    try {
      await logIn(deps, c, parsed.data);
    } catch (error) {
      const failure = formFailure(error, ['invalid-credentials', 'too-many-requests', 'validation-failed']);
      const page = <LoginPage email={form.email} next={next} errors={failure.errors} message={failure.message} />;
      return renderPage(c, page, failure.status, failure.headers);
    }
    return c.redirect(next, 303);
  });

  // Signing out when already signed out is not an error: the result the user wanted is the same.
  app.post('/logout', pageHeaders, sameOrigin, async (c) => {
    const session = await currentSession(deps, c);
    if (session) {
      await endSession(deps, session.sessionId);
      await recordAudit(deps, { userId: session.user.id, actor: DASHBOARD, action: 'auth.sign_out' });
    }
    clearSessionCookie(c, deps.config);
    return c.redirect('/login', 303);
  });

  return app;
}
