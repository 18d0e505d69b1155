/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { auditQuerySchema } from '../../../../shared/schemas/audit';
import { auditPage } from '../../audit/audit-store';
import type { AppDeps } from '../../deps';
import { ProblemError } from '../../http/problem';
import type { SignedInEnv } from '../dashboard-env';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { ActivityPage, ACTIVITY_PATH } from './activity-page';
import { subjectNames } from './subject-names';

/** `/activity`: the audit log page; `?cursor=` is the "Older entries" link's. */
export function activityPages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();

  app.get(ACTIVITY_PATH, pageHeaders, requireUser(deps), async (c) => {
    const user = c.get('user');
    const query = auditQuerySchema.safeParse({ cursor: c.req.query('cursor') });
    // Only our own link makes a cursor: anything else is a broken link, said as such.
    if (!query.success) throw new ProblemError('validation-failed', { detail: 'This page link is not valid. Open the activity log from the menu.' });
    const page = await auditPage(deps, user.id, { cursor: query.data.cursor });
    const names = await subjectNames(deps, user.id, page.entries);
    return renderPage(c, <ActivityPage user={user} entries={page.entries} names={names} cursor={query.data.cursor} nextCursor={page.nextCursor} />);
  });

  return app;
}
