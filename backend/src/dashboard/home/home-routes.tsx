/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import type { SignedInEnv } from '../dashboard-env';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { HomePage } from './home-page';

/** `GET /`: the signed-in home page. */
export function homeRoutes(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();
  app.get('/', pageHeaders, requireUser(deps), (c) =>
    renderPage(c, <HomePage user={c.get('user')} serverUrl={deps.config.publicUrl} />),
  );
  return app;
}
