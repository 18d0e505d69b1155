import { detectMimeType } from 'nodemailer/lib/mime-funcs/mime-types';

/**
 * A file's type, from its name's extension (nodemailer's table, the one MailComposer uses), else
 * `application/octet-stream`. Not the type the uploading browser declared, and not sniffed: the
 * recipient's mail client opens an attachment by its name, so a type that disagrees with the name
 * only misleads it; a declared type is whatever the client says, and sniffing would need a table
 * of magic numbers for a guess the name already makes.
 *
 * @example contentTypeOf('inv-0042.pdf') // 'application/pdf'
 */
export function contentTypeOf(filename: string): string {
  return detectMimeType(filename) || 'application/octet-stream';
}
