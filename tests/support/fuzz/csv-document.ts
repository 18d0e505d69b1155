import fc from 'fast-check';
import { hostileText } from './hostile-values';
import type { TextKinds } from './route-spec';

/**
 * CSV files for the import: a header with an address column somewhere, rows of text quoted as
 * RFC 4180 §2 says (a cell with a delimiter, quote or line break is quoted, quotes doubled), in the
 * delimiters and line breaks spreadsheets write, with or without Excel's byte-order mark.
 */

export type CsvDocument = {
  text: string;
  /** `wtf8`: lone surrogates written as bytes no UTF-8 decoder accepts (see raw-json.ts). */
  encoding: 'utf8' | 'wtf8';
  /** Sent as `?emailColumn=` when set. */
  emailColumn?: string;
};

const shape = (k: TextKinds) =>
  fc.record({
    emailHeader: fc.oneof(fc.constantFrom('Email', 'email', 'E-mail', 'Email Address', 'mail'), k.text),
    nameTheColumn: fc.boolean(),
    headers: fc.array(k.text, { maxLength: 4 }),
    emailAt: fc.nat(),
    rows: fc.array(fc.tuple(k.email, fc.array(k.text, { maxLength: 5 })), { maxLength: 6 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    newline: fc.constantFrom('\r\n', '\n', '\r'),
    bom: fc.boolean(),
    quoteAll: fc.boolean(),
    trailingNewline: fc.boolean(),
  });

type Shape = ReturnType<typeof shape> extends fc.Arbitrary<infer T> ? T : never;

function write(doc: Shape): CsvDocument {
  const quote = (cell: string) =>
    doc.quoteAll || /[",;\t\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  const at = doc.emailAt % (doc.headers.length + 1);
  const withEmail = (cells: string[], email: string) => [...cells.slice(0, at), email, ...cells.slice(at)];
  const lines = [withEmail(doc.headers, doc.emailHeader), ...doc.rows.map(([email, cells]) => withEmail(cells, email))].map((cells) =>
    cells.map(quote).join(doc.delimiter),
  );
  const text = `${doc.bom ? '\uFEFF' : ''}${lines.join(doc.newline)}${doc.trailingNewline ? doc.newline : ''}`;
  // A header that is not one of the usual spellings is named, as a user would name it.
  return { text, encoding: 'utf8', ...(doc.nameTheColumn ? { emailColumn: doc.emailHeader } : {}) };
}

/** A well-formed file written with `kinds`. */
export const csvDocument = (k: TextKinds): fc.Arbitrary<CsvDocument> => shape(k).map(write);

/** A file spoiled in one way: an unclosed quote, invalid UTF-8, NUL bytes, a ragged row, no address column. */
export const spoiledCsvDocument = (k: TextKinds): fc.Arbitrary<CsvDocument> =>
  fc.tuple(csvDocument(k), fc.constantFrom('unclosed-quote', 'wtf8', 'nul', 'ragged', 'no-header', 'blank-lines', 'only-bom')).map(([doc, spoil]) => {
    switch (spoil) {
      case 'unclosed-quote':
        return { ...doc, text: `${doc.text}\n"unclosed@example.com,"x` };
      case 'wtf8':
        return { ...doc, text: `${doc.text}\nlone\uD800@example.com,\uDFFF`, encoding: 'wtf8' };
      case 'nul':
        return { ...doc, text: doc.text.replaceAll(',', '\u0000,') };
      case 'ragged':
        return { ...doc, text: `${doc.text}\nragged@example.com,a,b,c,d,e,f,g,h,i,j` };
      case 'no-header':
        return { ...doc, text: doc.text.split(/\r\n|\n|\r/).slice(1).join('\n') };
      case 'blank-lines':
        return { ...doc, text: `\n\n,,,\n${doc.text}\n\n\n` };
      default:
        return { text: '\uFEFF', encoding: 'utf8' as const };
    }
  });

/** Not a CSV at all: hostile text as the whole file. */
export const hostileCsvDocument: fc.Arbitrary<CsvDocument> = fc
  .tuple(hostileText, fc.constantFrom('utf8', 'wtf8') as fc.Arbitrary<'utf8' | 'wtf8'>)
  .map(([text, encoding]) => ({ text, encoding }));
