import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod';
import { ProblemError } from './problem';
import { malformedInput } from './well-formed-input';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * zod validation at the edge, answering RFC 9457 problems that list each bad field.
 *
 * Before the schema runs, every string and key of the input must be well-formed Unicode and nest
 * at most a few dozen levels (see well-formed-input.ts): the one check every route gets, whatever
 * its schema says.
 *
 * A JSON route sent another content type sees an empty object; when that fails validation the
 * real cause is the content type, so it answers 415 instead of a list of "required" fields.
 *
 * @example app.post('/x', validate('json', schema), (c) => c.json(c.req.valid('json')))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(
    target,
    schema,
    (result, c) => {
      if (result.success) return;
      if (target === 'json') {
        const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
        if (!JSON_MEDIA_TYPE.test(mediaType)) {
          throw new ProblemError('unsupported-media-type', { detail: 'Send the body as application/json.' });
        }
      }
      throw new ProblemError('validation-failed', {
        detail: 'Check the fields listed in "errors".',
        errors: result.error.issues.map((issue) => ({
          field: issue.path.map(String).join('.') || target,
          message: issue.message,
        })),
      });
    },
    {
      validationFunction: (checked, value) => {
        const problems = malformedInput(value, target);
        if (problems.length > 0) {
          throw new ProblemError('validation-failed', { detail: 'Check the fields listed in "errors".', errors: problems });
        }
        // The library types this result through a conditional type that stays unresolved for a
        // generic Schema; it is exactly what zValidator runs without a validationFunction.
        return checked.safeParseAsync(value) as never;
      },
    },
  );
}
