import * as z from 'zod';
import { addressCharacterProblem, multiLineTextProblem, singleLineTextProblem } from '../lib/unicode-text';

/**
 * The kinds of text the API takes, each refusing what its kind cannot hold (issue 12); the rules
 * themselves are in shared/lib/unicode-text.ts. Nothing is cut or cleaned: text is stored whole or
 * refused with the reason, because SQLite's C API ends a string at NUL and a stored text that reads
 * back shorter than it was written loses the user's data without a word.
 *
 * Each returns a `z.string()` to chain the field's own limits and messages on.
 *
 * @example name: nameText({ trim: true }).min(1, 'Name the campaign').max(200)
 */

type TextOptions = {
  /** Trim surrounding whitespace before the checks, as the field always did. */
  trim?: boolean;
};

/**
 * One line: subjects, From names (header values, RFC 5322 §2.2: a CR or LF would end the header and
 * start another), and merge-field names (CSV headers: an import refuses a header that is not one
 * line, so the JSON API does too). Refuses line breaks with `lineBreak` (the field's own words) and
 * every other control character but tab.
 */
export function singleLineText(options: TextOptions & { lineBreak?: string } = {}) {
  return text(options)
    .refine((value) => !/[\r\n]/.test(value), { message: options.lineBreak ?? 'Use a single line', abort: true })
    .superRefine(refuseWith(singleLineTextProblem));
}

/**
 * A name the user gives to something of theirs: campaign names, API token names. Refuses control
 * characters but tab, CR and LF (issue 12); such names are never header lines.
 */
export function nameText(options: TextOptions = {}) {
  return text(options).superRefine(refuseWith(multiLineTextProblem));
}

/** A body: HTML and text bodies, signatures, merge-field values. Refuses NUL and the other controls but tab, CR and LF. */
export function bodyText() {
  return z.string().superRefine(refuseWith(multiLineTextProblem));
}

/**
 * An email address as typed, trimmed: refuses control, invisible and direction-changing characters
 * with the reason (`checkEmailAddress` then checks the grammar where the caller reports it).
 */
export function addressText() {
  return text({ trim: true }).superRefine(refuseWith(addressCharacterProblem));
}

/** Zod runs checks in order: a trim first, so the checks see what is stored. */
function text(options: TextOptions) {
  return options.trim ? z.string().trim() : z.string();
}

function refuseWith(problem: (text: string) => string | null) {
  return (value: string, ctx: z.RefinementCtx<string>) => {
    const found = problem(value);
    if (found !== null) ctx.addIssue({ code: 'custom', message: found.charAt(0).toUpperCase() + found.slice(1), input: value });
  };
}
