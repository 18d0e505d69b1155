import { parseRecipientsCsv, type RecipientsCsvError } from '../../../../shared/recipients-csv';
import type { ImportResult } from '../../../../shared/schemas/recipients';
import type { AppDeps } from '../../deps';
import { ProblemError } from '../../http/problem';
import { storeRecipients } from './store-recipients';

/**
 * Imports an uploaded CSV into a campaign: strict UTF-8 decoding, parsing and checks by the shared
 * parser (the extension's preview runs the same one), then {@link storeRecipients}. All or nothing:
 * either every accepted row is stored or none is.
 *
 * Throws a `ProblemError`: 400 for a file that is not UTF-8, has no address column (the detail lists
 * the headers and `extra.headers` carries them), is empty or has a broken quote; 413 over the size
 * or row limit. The caller has checked that the campaign belongs to `userId`.
 *
 * @example
 * const result = await importRecipientsCsv(deps, { userId, campaignId, body: new Uint8Array(await c.req.arrayBuffer()), emailColumn: c.req.query('emailColumn') });
 */
export async function importRecipientsCsv(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  input: { userId: string; campaignId: string; body: Uint8Array; emailColumn?: string | undefined },
): Promise<ImportResult> {
  const { maxBytes, maxRows } = deps.config.importLimits;
  if (input.body.byteLength > maxBytes) {
    throw new ProblemError('payload-too-large', {
      detail: `The file is ${formatBytes(input.body.byteLength)}; at most ${formatBytes(maxBytes)} can be imported at once. Split it into smaller files.`,
    });
  }
  const text = decodeUtf8(input.body);
  const parsed = parseRecipientsCsv(text, { emailColumn: input.emailColumn, maxRows });
  if (!parsed.ok) throw csvProblem(parsed);

  const stored = await storeRecipients(deps, {
    userId: input.userId,
    campaignId: input.campaignId,
    candidates: parsed.rows,
    fields: parsed.fields,
  });
  return {
    imported: stored.imported,
    duplicates: parsed.duplicates + stored.duplicates,
    invalid: parsed.invalid,
    suppressed: stored.suppressed,
    fields: stored.fields,
  };
}

function decodeUtf8(body: Uint8Array): string {
  try {
    // fatal: a Latin-1 or Windows-1252 file must be refused, not imported with U+FFFD in every
    // accented name. The decoder also drops a leading byte-order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ProblemError('validation-failed', {
      detail: 'The file is not UTF-8 text. Export it again as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8; Google Sheets and Numbers export UTF-8 already).',
      errors: [{ field: 'file', message: 'The file is not UTF-8 text' }],
      extra: { reason: 'invalid-utf8' },
    });
  }
}

function csvProblem(error: RecipientsCsvError): ProblemError {
  switch (error.error) {
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
        extra: { reason: error.error, maxRows: error.maxRows },
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

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
