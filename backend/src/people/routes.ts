import { Hono } from 'hono';
import * as z from 'zod';
import { eraseRequestSchema, personAddressSchema, type EraseResult, type Person } from '../../../shared/schemas/people';
import type { AuthedEnv } from '../app-env';
import { actorOf } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { erasePerson } from './erase-person';
import { checkPersonAddress } from './person-address';
import { viewPerson } from './person-record';

/** The comparison key of the address a request names, or a 400 naming `email`. */
function personKey(raw: string): string {
  const address = checkPersonAddress(raw);
  if (!address.ok) throw new ProblemError('validation-failed', { errors: [{ field: 'email', message: address.message }] });
  return address.key;
}

/**
 * `/api/people`: one person's data, for their access and erasure requests (GDPR Art. 15 and 17).
 * Mounted behind `authenticate`; everything is the signed-in user's own. The audit log names the
 * person only by the keyed hash of the address.
 */
export function peopleApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  app.post('/erase', validate('json', eraseRequestSchema), async (c) => {
    const key = personKey(c.req.valid('json').email);
    const result = await erasePerson(deps, { userId: c.get('user').id, key, actor: actorOf(c) });
    return c.json(result satisfies EraseResult);
  });

  app.get('/:email', validate('param', z.object({ email: personAddressSchema })), async (c) => {
    const key = personKey(c.req.valid('param').email);
    const person = await viewPerson(deps, { userId: c.get('user').id, key, actor: actorOf(c) });
    // An attachment, like GET /api/export: the dashboard's "Download as JSON" is a link to this answer.
    return c.json(person satisfies Person, 200, {
      'content-disposition': `attachment; filename="iconnect-person-${person.generatedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    });
  });

  return app;
}
