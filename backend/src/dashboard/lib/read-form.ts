import type { Context } from 'hono';

/**
 * The named text fields of a form post (urlencoded or multipart). A missing field or a file reads
 * as '', so validation reports "enter a value" rather than a type error the user cannot act on.
 * Any other content type reads as all-empty and fails validation the same way.
 */
export async function readForm<Field extends string>(c: Context, fields: readonly Field[]): Promise<Record<Field, string>> {
  const body = await c.req.parseBody();
  const values = {} as Record<Field, string>;
  for (const field of fields) {
    const value = body[field];
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}
