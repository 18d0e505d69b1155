/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { renderPage } from '../lib/render-page';
import { currentSession } from '../middleware/current-session';
import { pageHeaders } from '../middleware/page-headers';
import { operatorInfo } from './operator';
import { PrivacyPage } from './privacy-page';

/** "14 days" or "36 hours": the configured session lifetime, as the policy states it. */
function describeLifetime(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours % 24 === 0) return hours === 24 ? '1 day' : `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** `GET /privacy`: public; the session is read only to show the signed-in navigation. */
export function privacyPages(deps: AppDeps) {
  const app = new Hono();
  app.get('/privacy', pageHeaders, async (c) => {
    const session = await currentSession(deps, c);
    const page = (
      <PrivacyPage user={session?.user} operator={operatorInfo(deps.config)} sessionLifetime={describeLifetime(deps.config.sessionTtlMs)} trackingMode={deps.config.tracking} />
    );
    return renderPage(c, page);
  });
  return app;
}
