import fc from 'fast-check';
import { hostileText } from './hostile-values';
import { wtf8Bytes } from './raw-json';
import type { TextKinds } from './route-spec';

/**
 * multipart/form-data bodies for file uploads (RFC 7578): one `file` part with a name and bytes,
 * the optional `shared` field, and, spoiled, what a hostile client sends instead: no file, two
 * files, an empty one, a file in a text field, unknown fields, a missing or wrong boundary, names
 * with path separators, controls or bytes that are not UTF-8.
 */
export type MultipartDocument = { bytes: Uint8Array<ArrayBuffer>; contentType: string; shown: string };

type Part = { name: string; filename?: string; type?: string; content: string; rawName?: boolean };

const BOUNDARY = '----fuzz-boundary-7MA4YWxkTrZu0gW';

function write(parts: Part[], boundary = BOUNDARY): MultipartDocument {
  const text = parts
    .map((part) => {
      const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename.replace(/"/g, '%22')}"`}`;
      return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n${part.content}\r\n`;
    })
    .join('');
  const body = `${text}--${boundary}--\r\n`;
  // A lone surrogate in a name goes as raw WTF-8 bytes: what a broken client sends, not valid UTF-8.
  return { bytes: wtf8Bytes(body), contentType: `multipart/form-data; boundary=${boundary}`, shown: body.length > 400 ? `${body.slice(0, 400)}…` : body };
}

const content = fc.string({ minLength: 1, maxLength: 200 });
const extension = fc.constantFrom('.pdf', '.txt', '.png', '.csv', '', '.tar.gz', '.PDF');

/** A valid upload: one named file, perhaps `shared`. */
export const multipartDocument = (k: TextKinds): fc.Arbitrary<MultipartDocument> =>
  fc.record({ name: k.text, ext: extension, content, shared: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }) }).map(({ name, ext, content, shared }) =>
    write([{ name: 'file', filename: `${name}${ext}`, type: 'application/octet-stream', content }, ...(shared === undefined ? [] : [{ name: 'shared', content: shared }])]),
  );

/** What a hostile client sends to the upload route. */
export const spoiledMultipartDocument: fc.Arbitrary<MultipartDocument> = fc.oneof(
  fc.constant(write([])),
  fc.constant(write([{ name: 'shared', content: 'true' }])),
  content.map((c) => write([{ name: 'file', filename: 'a.txt', content: c }, { name: 'file', filename: 'b.txt', content: c }])),
  fc.constant(write([{ name: 'file', filename: 'empty.txt', content: '' }])),
  fc.constant(write([{ name: 'file', content: 'not a file part' }])),
  content.map((c) => write([{ name: 'file', filename: 'a.txt', content: c }, { name: 'shared', filename: 'b.txt', content: c }])),
  fc.tuple(hostileText, hostileText).map(([key, value]) => write([{ name: 'file', filename: 'a.txt', content: 'x' }, { name: key.replace(/"/g, ''), content: value }])),
  fc.constantFrom('../../etc/passwd', 'a/b.txt', 'a\\b.txt', '.', '..', 'x'.repeat(300), 'é'.repeat(200), '\u202Efdp.exe', 'a\u0000b.txt', 'a\r\nb.txt', '\uD800.txt', '   ').map((filename) =>
    write([{ name: 'file', filename, content: 'x' }]),
  ),
  fc.constant(write([{ name: 'file', filename: 'a.txt', content: 'x' }, { name: 'shared', content: 'maybe' }])),
  // The boundary the header names is not the one the body uses.
  fc.constant({ ...write([{ name: 'file', filename: 'a.txt', content: 'x' }]), contentType: 'multipart/form-data; boundary=other' }),
  fc.constant({ ...write([{ name: 'file', filename: 'a.txt', content: 'x' }]), contentType: 'multipart/form-data' }),
  fc.constant({ ...write([{ name: 'file', filename: 'a.txt', content: 'x' }]), contentType: 'application/json' }),
  hostileText.map((text) => ({ bytes: wtf8Bytes(text), contentType: `multipart/form-data; boundary=${BOUNDARY}`, shown: text })),
);

/** One small valid file, for cases that act on an uploaded file. */
export const oneFile = (filename: string): MultipartDocument => write([{ name: 'file', filename, type: 'text/plain', content: 'fuzz' }]);
