import { fileSizeProblem, readRecipientsCsvInSlices, type RecipientsCsvError } from '../../../../shared/recipients-csv';
import type { ImportResult } from '../../../../shared/schemas/recipients';
import type { AppDeps } from '../../deps';
import { ProblemError } from '../../http/problem';
import { yieldToEventLoop } from '../../lib/yield-to-event-loop';
import { storeRecipients } from './store-recipients';

/**
 * Imports an uploaded CSV into a campaign: decoding, parsing and checks by the shared reader (the
 * extension's preview runs the same one), then {@link storeRecipients}. All or nothing: either every
 * accepted row is stored or none is.
 *
 * Throws a `ProblemError` with `extra.reason` naming the case: 415 for a file that is not text at all
 * (RFC 9110 §15.5.16: the format is found unsupported by inspecting the data); 400 for text that is
 * not UTF-8, no address column (the detail lists the headers and `extra.headers` carries them), an
 * address column with no address, a header with a control character, an empty file or a broken
 * quote; 413 over the size or row limit (`extra.maxBytes` / `extra.maxRows`, so a client configured
 * with the defaults learns this server's figure). The caller has checked that the campaign belongs to `userId`.
 *
 * @example
 * const result = await importRecipientsCsv(deps, { userId, campaignId, body: new Uint8Array(await c.req.arrayBuffer()), emailColumn: c.req.query('emailColumn') });
 */
export async function importRecipientsCsv(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  input: {
    userId: string;
    campaignId: string;
    body: Uint8Array;
    emailColumn?: string | undefined;
    /** The wait between two batches of writing (storeRecipients); tests hold it to stop an import midway. */
    pause?: () => Promise<void>;
  },
): Promise<ImportResult> {
  const { maxBytes, maxRows } = deps.config.importLimits;
  const tooLarge = fileSizeProblem(input.body.byteLength, maxBytes);
  if (tooLarge) throw new ProblemError('payload-too-large', { detail: tooLarge, extra: { reason: 'too-large', maxBytes } });
  // In slices with a pause between them: a 100,000-row file never holds the event loop for long (issue 17).
  const parsed = await readRecipientsCsvInSlices(input.body, { emailColumn: input.emailColumn, maxRows }, { pause: yieldToEventLoop });
  if (!parsed.ok) throw csvProblem(parsed);

  const stored = await storeRecipients(deps, {
    userId: input.userId,
    campaignId: input.campaignId,
    candidates: parsed.rows,
    fields: parsed.fields,
    pause: input.pause,
  });
  return {
    imported: stored.imported,
    duplicates: parsed.duplicates + stored.duplicates,
    invalid: parsed.invalid,
    suppressed: stored.suppressed,
    fields: stored.fields,
  };
}

function csvProblem(error: RecipientsCsvError): ProblemError {
  switch (error.error) {
    case 'not-text':
      return new ProblemError('unsupported-media-type', {
        detail: 'This is not a CSV file: it holds binary data (an image, a program, a spreadsheet workbook, or text saved as UTF-16). Export the list from your spreadsheet as "CSV UTF-8".',
        extra: { reason: error.error },
      });
    case 'invalid-utf8':
      // The decoder is strict: a Latin-1 or Windows-1252 file must be refused, not imported with U+FFFD in every accented name.
      return new ProblemError('validation-failed', {
        detail:
          error.encoding === 'utf-16'
            ? 'The file is UTF-16 text ("Unicode Text"), not UTF-8. Export it again as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8).'
            : 'The file is not UTF-8 text. Export it again as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8; Google Sheets and Numbers export UTF-8 already).',
        errors: [{ field: 'file', message: 'The file is not UTF-8 text' }],
        extra: { reason: error.error, encoding: error.encoding },
      });
    case 'bad-header':
      return new ProblemError('validation-failed', {
        detail: `Column ${error.column} (“${error.header.slice(0, 60)}”) ${error.problem}. A column name is one line of text: fix it in the header row and try again.`,
        errors: [{ field: 'file', message: `Column ${error.column}: the name ${error.problem}` }],
        extra: { reason: error.error, column: error.column },
      });
    case 'no-addresses':
      return new ProblemError('validation-failed', {
        detail: `The column “${error.emailColumn}” holds no email address (no value in it has an @). Choose the column that does with ?emailColumn=<header>. Columns found: ${error.headers.map((h) => `"${h}"`).join(', ')}.`,
        errors: [{ field: 'emailColumn', message: `“${error.emailColumn}” holds no email address` }],
        extra: { reason: error.error, emailColumn: error.emailColumn, headers: error.headers },
      });
    case 'empty-file':
      return new ProblemError('validation-failed', {
        detail: 'The file is empty: it needs a header row and one row per recipient.',
        errors: [{ field: 'file', message: 'The file is empty' }],
        extra: { reason: error.error },
      });
    case 'no-email-column': {
      const found = error.headers.length > 0 ? error.headers.map((h) => `"${h}"`).join(', ') : 'none';
      const detail =
        error.requested === undefined
          ? `No column holds the email addresses. Columns found: ${found}. Name that column "Email", or say which it is with ?emailColumn=<header>.`
          : `There is no column "${error.requested}". Columns found: ${found}. Pass one of them as ?emailColumn=<header>.`;
      return new ProblemError('validation-failed', {
        detail,
        errors: [{ field: 'emailColumn', message: error.requested === undefined ? 'No email column found' : `No column "${error.requested}"` }],
        extra: { reason: error.error, headers: error.headers },
      });
    }
    case 'too-many-rows':
      return new ProblemError('payload-too-large', {
        detail: `The file has ${error.rows.toLocaleString('en-US')} rows; at most ${error.maxRows.toLocaleString('en-US')} recipients can be imported at once. Split it into smaller files.`,
        extra: { reason: error.error, rows: error.rows, maxRows: error.maxRows },
      });
    case 'malformed-quotes':
      return new ProblemError('validation-failed', {
        detail: `Row ${error.row} has a quote that is not closed where the value ends, so the rows after it cannot be read. Fix that row (a quote inside a quoted value is written "") and try again.`,
        errors: [{ field: 'file', message: `Row ${error.row}: unbalanced quote` }],
        extra: { reason: error.error, row: error.row },
      });
    case 'too-many-columns':
      return new ProblemError('validation-failed', {
        detail: `The file has ${error.columns} columns besides the address; a recipient can have at most ${error.maxColumns} merge fields. Remove the columns the campaign does not use.`,
        errors: [{ field: 'file', message: `${error.columns} merge-field columns (at most ${error.maxColumns})` }],
        extra: { reason: error.error, maxColumns: error.maxColumns },
      });
    case 'header-too-long':
      return new ProblemError('validation-failed', {
        detail: `A column name is over ${error.maxLength} characters ("${error.header.slice(0, 40)}…"). Give it a shorter name.`,
        errors: [{ field: 'file', message: `Column name over ${error.maxLength} characters` }],
        extra: { reason: error.error, maxLength: error.maxLength },
      });
  }
}
