import * as z from 'zod';

/**
 * An object of names the user chose (CSV headers) → text, parsed into a null-prototype object.
 *
 * Not `z.record`: it builds its output in `{}`, where a `__proto__` key calls the prototype setter
 * and the field vanishes. And on a plain object `fields.constructor` or `fields.toString` answers
 * a function for a recipient without that column (issue 12: other recipients exported as
 * `function Object() { [native code] }`). Every own key is kept; no lookup reaches a prototype.
 *
 * Problems are reported at the key's path: a name's prefixed "Field name:", a value's as they are.
 *
 * @example
 * const fields = fieldMapSchema(z.string().max(200), z.string()).parse(JSON.parse('{"__proto__":"x"}'));
 * Object.keys(fields) // ['__proto__']
 * fields.constructor  // undefined
 */
export function fieldMapSchema(
  name: z.ZodType<string, string>,
  value: z.ZodType<string, string>,
  limits: { maxFields?: { count: number; message: string } } = {},
) {
  return z
    .custom<Record<string, string>>(isPlainObject, 'Use an object of field names and text values')
    .transform((input, ctx) => {
      const keys = Object.keys(input);
      if (limits.maxFields && keys.length > limits.maxFields.count) {
        ctx.addIssue({ code: 'custom', message: limits.maxFields.message, input });
        return z.NEVER;
      }
      const output: Record<string, string> = Object.create(null);
      for (const key of keys) {
        const parsedName = name.safeParse(key);
        const parsedValue = value.safeParse(input[key]);
        for (const issue of parsedName.error?.issues ?? []) {
          ctx.addIssue({ code: 'custom', message: `Field name: ${issue.message}`, path: [key], input: key });
        }
        for (const issue of parsedValue.error?.issues ?? []) {
          ctx.addIssue({ code: 'custom', message: issue.message, path: [key, ...issue.path], input: input[key] });
        }
        if (parsedName.success && parsedValue.success) output[parsedName.data] = parsedValue.data;
      }
      return output;
    });
}

function isPlainObject(input: unknown): input is Record<string, string> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}
