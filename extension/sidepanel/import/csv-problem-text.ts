import type { RecipientsCsvError } from '../../../shared/recipients-csv';
import { formatCount } from '../format';

/**
 * The sentence the panel shows for a file it will not upload, before any column mapping. Says what
 * is wrong and what to do, in the words a spreadsheet user knows.
 *
 * @example csvProblemText('logo.csv', { ok: false, error: 'not-text' }) // 'This is not a CSV file: logo.csv ...'
 */
export function csvProblemText(fileName: string, problem: RecipientsCsvError): string {
  switch (problem.error) {
    case 'not-text':
      return `This is not a CSV file: ${fileName} holds binary data (an image, a program, a workbook, or text saved as UTF-16). Export the list from your spreadsheet as “CSV UTF-8”.`;
    case 'invalid-utf8':
      return problem.encoding === 'utf-16'
        ? `${fileName} is saved as UTF-16 (“Unicode Text”). Save it again as “CSV UTF-8”.`
        : `${fileName} is not UTF-8 text, so accented letters would be garbled. Save it again as “CSV UTF-8” (Excel: File › Save As › CSV UTF-8).`;
    case 'empty-file':
      return `${fileName} is empty.`;
    case 'no-email-column':
      return problem.requested ? `${fileName} has no column called “${problem.requested}”.` : `Which column of ${fileName} holds the email addresses?`;
    case 'no-addresses':
      return `The column “${problem.emailColumn}” holds no email address. Which column of ${fileName} does?`;
    case 'bad-header':
      return `Column ${problem.column} of ${fileName} has a name that ${problem.problem}. Fix the header row and try again.`;
    case 'too-many-rows':
      return `${fileName} has ${formatCount(problem.rows)} rows; at most ${formatCount(problem.maxRows)} can be imported at once. Split the file.`;
    case 'malformed-quotes':
      return `${fileName} has an unclosed quote near row ${problem.row}. Open it in a spreadsheet and save it as CSV again.`;
    case 'too-many-columns':
      return `${fileName} has ${formatCount(problem.columns)} columns besides the address; a recipient can have at most ${problem.maxColumns} merge fields. Remove the columns you do not use.`;
    case 'header-too-long':
      return `A column name in ${fileName} is over ${problem.maxLength} characters. Give it a shorter name.`;
  }
}
