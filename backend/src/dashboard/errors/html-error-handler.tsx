/** @jsxImportSource hono/jsx */
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPES, ProblemError } from '../../http/problem';
import type { Logger } from '../../lib/logger';
import type { DashboardEnv } from '../dashboard-env';
import { renderPage } from '../lib/render-page';
import { ErrorPage } from './error-page';

type Shown = { status: ContentfulStatusCode; title: string; detail: string; headers?: Record<string, string> };

/**
 * The dashboard's counterpart of the API's problem+json handler: the same decisions (expected
 * failures shown, anything else logged and answered as a bare 500), rendered as a page.
 */
export function htmlErrorHandler(logger: Logger): ErrorHandler<DashboardEnv> {
  return (error, c) => {
    const shown = describe(error);
    if (!shown) logger.error('unhandled error', { method: c.req.method, path: new URL(c.req.url).pathname, error });
    const { status, title, detail, headers } = shown ?? {
      status: 500,
      title: 'Something went wrong',
      detail: 'The error was logged. Try again, or contact the administrator of this server.',
    };
    const page = <ErrorPage title={title} detail={detail} user={c.get('user')} path={c.req.path} />;
    return renderPage(c, page, status, headers);
  };
}

function describe(error: Error): Shown | undefined {
  if (error instanceof ProblemError) {
    if (error.problemType === 'cross-origin') {
      return {
        status: 403,
        title: 'Request refused',
        // The problem's own detail would repeat the foreign Origin back; the person needs what to do.
        detail: 'This form was sent from another site, so it was refused to protect your account. Open the dashboard and try again from there.',
      };
    }
    if (error.problemType === 'not-found') return { status: 404, title: 'Not found', detail: error.message };
    if (error.problemType !== 'internal') {
      return { status: error.status, title: PROBLEM_TYPES[error.problemType].title, detail: error.message, headers: error.init.headers };
    }
    return undefined;
  }
  // Hono's own exceptions (e.g. a malformed form body): say what kind of failure, not its internals.
  if (error instanceof HTTPException && error.status < 500) {
    return { status: error.status, title: 'The request could not be handled', detail: 'Go back, check what you entered and try again.' };
  }
  return undefined;
}
