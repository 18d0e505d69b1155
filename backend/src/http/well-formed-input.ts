import { wellFormedTextProblem } from '../../../shared/lib/unicode-text';

/**
 * How deep a request's JSON may nest. The deepest shape the API takes is 4 levels
 * (`recipients.0.fields.<name>`); anything far deeper is not a request we could use.
 */
export const MAX_INPUT_DEPTH = 32;

/** Problems reported for one request at most: enough to fix a file, never a megabyte of them. */
const MAX_PROBLEMS = 20;

export type InputProblem = { field: string; message: string };

type PathStep = { parent: PathStep | null; key: string };
/** A value still to check; `isKey` when its path's last step is an object key, checked first. */
type Pending = { value: unknown; path: PathStep | null; depth: number; isKey: boolean };

/**
 * Every string and every object key of a request's input that is not well-formed Unicode, and any
 * nesting past {@link MAX_INPUT_DEPTH}; an empty list when the input is fine.
 *
 * Only JSON can carry a lone surrogate (`"\ud800"`): URL, form and multipart decoding replace broken
 * bytes with U+FFFD, headers are bytes. SQLite stores such a string as invalid UTF-8, and the libsql
 * binding panics reading it back, ending the process (issue 12). So every value is checked here,
 * before any schema or handler sees it, whatever the schema says about it.
 *
 * Iterative, so a deeply nested body cannot overflow the stack. Field paths are joined with `.`
 * (as zod's are reported); a broken key is shown with U+FFFD in place of the surrogate so that the
 * problem document is itself well-formed.
 *
 * @example
 * malformedInput(JSON.parse('{"fields":{"f\\ud800":"v"}}'), 'json')
 * // [{ field: 'fields.f\uFFFD', message: 'The field name contains a broken character (a lone UTF-16 surrogate)' }]
 */
export function malformedInput(input: unknown, target: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const stack: Pending[] = [{ value: input, path: null, depth: 0, isKey: false }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, path, depth, isKey } = stack.pop()!;
    if (isKey && path) {
      const broken = wellFormedTextProblem(path.key);
      if (broken) {
        problems.push({ field: fieldName(path, target), message: `The field name ${broken}` });
        continue;
      }
    }
    if (typeof value === 'string') {
      const broken = wellFormedTextProblem(value);
      if (broken) problems.push({ field: fieldName(path, target), message: capitalise(broken) });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field: fieldName(path, target), message: `Nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` });
      continue;
    }
    if (Array.isArray(value)) {
      // Pushed backwards so that problems come out in document order.
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: { parent: path, key: String(i) }, depth: depth + 1, isKey: false });
      continue;
    }
    // Own keys only, so a `__proto__` key from JSON.parse is checked like any other.
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      stack.push({ value: (value as Record<string, unknown>)[key], path: { parent: path, key }, depth: depth + 1, isKey: true });
    }
  }
  return problems;
}

function fieldName(path: PathStep | null, target: string): string {
  const keys: string[] = [];
  for (let step = path; step !== null; step = step.parent) keys.push(step.key.toWellFormed());
  return keys.length === 0 ? target : keys.reverse().join('.');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
