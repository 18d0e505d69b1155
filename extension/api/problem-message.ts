import { problemSchema, tooLargeProblemSchema } from '../../shared/schemas/problem';
import { err, type MessageError, type MessageErrorCode } from '../messages/result';
import { tooLargeMessage } from '../../shared/lib/format-size';

/**
 * Turns an API error response into something the panel can show: the problem's `detail` (or its
 * `title`) as the sentence, and its `errors` (RFC 9457 extension member, see shared/schemas/problem.ts)
 * both appended readably and kept per field for forms.
 *
 * @example
 * await problemResult(new Response('{"type":"/problems/conflict","title":"Conflict","status":409,"detail":"Changed elsewhere"}', { status: 409 }))
 * // { ok: false, error: { code: 'conflict', message: 'Changed elsewhere' } }
 */
export async function problemResult(response: Response): Promise<{ ok: false; error: MessageError }> {
  const body: unknown = response.headers.get('content-type')?.includes('json') ? await response.json().catch(() => undefined) : undefined;
  const problem = body === undefined ? undefined : problemSchema.safeParse(body);
  const code = codeFor(response.status);
  // The size and the limit, in the user's words, rather than the server's sentence (issue 14).
  const tooLarge = response.status === 413 ? tooLargeProblemSchema.safeParse(body) : undefined;
  if (tooLarge?.success) return err(code, tooLargeMessage(tooLarge.data.sizeBytes ?? null, tooLarge.data.limitBytes));
  if (!problem?.success) return err(code, fallbackMessage(response.status));
  // The one problem type the extension acts on rather than shows: the sync engine and the editor merge.
  const typed = problem.data.type.endsWith('/problems/version-conflict') ? 'version-conflict' : code;

  const { title, detail, errors = [] } = problem.data;
  const fields = errors.map((error) => ({ field: error.field, message: error.message }));
  const listed = fields.map((error) => `${readableField(error.field)}: ${error.message}.`).join(' ');
  const lead = detail ?? (fields.length > 0 ? 'Please check:' : `${title} (HTTP ${response.status}).`);
  return err(typed, listed ? `${lead} ${listed}` : lead, fields);
}

function codeFor(status: number): MessageErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'invalid';
  return 'server-error';
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'The server no longer accepts this browser’s API token. Sign out and connect again with a new token.';
  if (status === 404) return 'The server does not know this item any more (perhaps it was deleted elsewhere).';
  if (status === 413) return 'That is more than the server accepts in one go.';
  return `The server answered with an error (HTTP ${status}). Try again in a moment.`;
}

/** `schedule.window.end` → `Schedule window end`. */
function readableField(field: string): string {
  const words = field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1) || 'Request';
}
