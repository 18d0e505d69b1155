import fc from 'fast-check';
import { JsonEntries, RawJson } from './raw-json';

/**
 * The values a hostile or careless client sends (issue 12): text no database or mail header should
 * meet unprepared, numbers JSON allows but JavaScript cannot hold, keys that mean something to
 * JavaScript objects, nesting deeper than any stack. Each arbitrary names what it attacks.
 */

const char = (code: number) => String.fromCharCode(code);
const join = (parts: string[]) => parts.join('');

/** Half of a surrogate pair alone: it has no UTF-8 form (libsql panicked reading one back, issue 12). */
export const loneSurrogate = fc.oneof(fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'), fc.integer({ min: 0xd800, max: 0xdfff }).map(char));

/** NUL (SQLite's C API ends a string there), the other C0 controls, DEL, and C1 (NEL U+0085 is a line break to some parsers). */
export const controlChar = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0, max: 0x1f }).map(char),
  fc.constant('\u007f'),
  fc.integer({ min: 0x80, max: 0x9f }).map(char),
);

/** Bidi embeddings, overrides, isolates and marks (Unicode TR #9; "Trojan Source", CVE-2021-42574). */
export const bidiControl = fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C');

/** Zero-width and other invisible characters, unusual spaces, and the line/paragraph separators. */
export const invisibleChar = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u2028', '\u2029', '\u00A0', '\u3000', '\u2800');

/** Astral-plane characters (two UTF-16 units, four UTF-8 bytes), ZWJ sequences, flags, noncharacters. */
export const astral = fc.constantFrom('😀', '👩🏽‍💻', '🇫🇷', '🏳️‍🌈', '🧑‍🚀', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\u{10FFFF}', '\u{E0001}', '\uFFFE', '\uFFFF', '\uFFFD');

/** Combining marks: decomposed accents, a mark with nothing to sit on, "zalgo" stacks. */
export const combining = fc.constantFrom('e\u0301', '\u0301', 'Z\u0364\u0351\u0313\u0300\u0301\u0302\u0303\u0304', '\u0300'.repeat(50), '\u0E01\u0E49\u0E33', 'n\u0303o\u0308');

/** Right-to-left and other scripts, case-mapping oddities (İ lower-cases to two code points), compatibility forms. */
export const otherScript = fc.constantFrom('مرحبا بالعالم', 'שלום', '日本語のテキスト', 'Ελληνικά', 'Привет', 'हिन्दी', 'İstanbul', 'ß', 'ﬁ', 'Å', 'Ａｄａ', 'ǅ');

/** Text that means something to our own parsers: merge tags, CSV, HTML, mail headers, SQL, URLs. */
export const syntaxPiece = fc.constantFrom(
  '{{Name}}', '{{ first name }}', '{{', '}}', '{{{x}}}', '"', "'", '\\', ',', ';', '\t', '\r\n', '\n', '\r', '""',
  '<script>alert(1)</script>', '<a href="javascript:alert(1)">x</a>', '</p>', '&nbsp;', '&#0;', '<!--',
  'Subject: injected\r\nBcc: x@example.com', "'; DROP TABLE campaigns; --", '%00', '%ED%A0%80', '../../etc/passwd',
  'null', 'undefined', 'true', '0', '-1', '1e400', 'NaN', '__proto__', 'constructor', ' ', '',
);

/** One piece of hostile text; lone surrogates first among them, as they once ended the process (issue 12). */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: controlChar },
  { weight: 1, arbitrary: bidiControl },
  { weight: 1, arbitrary: invisibleChar },
  { weight: 2, arbitrary: astral },
  { weight: 1, arbitrary: combining },
  { weight: 1, arbitrary: otherScript },
  { weight: 2, arbitrary: syntaxPiece },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
);

/** 1,000 to 100,000 characters of one piece repeated, cut where the length falls (even inside a pair). */
export const longText = fc
  .tuple(fc.oneof(hostilePiece, fc.constant('a')), fc.constantFrom(1_000, 10_001, 100_000))
  .map(([piece, length]) => (piece || 'a').repeat(Math.ceil(length / Math.max(1, piece.length))).slice(0, length));

/** Hostile text: a few pieces run together, now and then a very long one. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 14, arbitrary: fc.array(hostilePiece, { maxLength: 6 }).map(join) },
  { weight: 1, arbitrary: longText },
);

const alphanumeric = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const lowerAlphanumeric = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/** What a form usually sends: letters and digits, sometimes two words. */
export const tameText = fc
  .tuple(fc.array(fc.constantFrom(...alphanumeric), { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom(...alphanumeric), { maxLength: 8 }))
  .map(([first, second]) => (second.length > 0 ? `${join(first)} ${join(second)}` : join(first)));

const localPart = fc.array(fc.constantFrom(...lowerAlphanumeric), { minLength: 1, maxLength: 12 }).map(join);

/** An ordinary address, on the reserved `.example` top-level domain (RFC 2606). */
export const tameEmail = fc.tuple(localPart, localPart).map(([local, domain]) => `${local}@${domain}.example`);

/** Addresses with hostile text inside, around or instead of them. */
export const hostileEmail: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(localPart, hostileText, localPart).map(([a, text, b]) => `${a}${text}${b}@example.com`),
  fc.tuple(localPart, hostileText).map(([local, text]) => `${local}@ex${text}ample.com`),
  fc.tuple(hostileText, tameEmail).map(([name, email]) => `${name} <${email}>`),
  fc.tuple(tameEmail, fc.constantFrom(' ', '\t', '\u00A0', '\u3000', '\u200B', '\uFEFF', '\u0000')).map(([email, pad]) => `${pad}${email}${pad}`),
  tameEmail.map((email) => email.toUpperCase()),
  fc.constantFrom(
    'İ@example.com', 'ß@EXAMPLE.com', 'ädä@bücher.example', 'a@b', '@example.com', 'a@.com', `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`, '"quoted"@example.com', 'a@[127.0.0.1]', '<>', '<a@example.com', 'a@example.com>', 'a@example.com\r\nBcc: b@example.com',
  ),
  hostileText,
);

/** Values of the wrong JSON type, and numbers JSON allows that JavaScript cannot hold exactly. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.constantFrom('1e400', '-0', '123456789012345678901234567890', '1.0', '-1e-400', '9007199254740993', '0.1e1').map((text) => new RawJson(text)),
);

/** 1,000 to 100,000 levels of arrays or objects, as text (a recursive parser or walker overflows its stack). */
export const deepNesting = fc
  .tuple(fc.constantFrom(1_000, 10_000, 100_000), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) => new RawJson(kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** Keys that name a JavaScript object's own machinery (prototype pollution, shadowed methods). */
export const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'then', 'toJSON');

/** An object whose one key is a {@link prototypeKey}. */
export const prototypeObject = fc
  .tuple(prototypeKey, fc.oneof(hostileText, fc.constant(new JsonEntries([['polluted', 'yes']])), fc.constant(null), fc.integer()))
  .map(([key, value]) => new JsonEntries([[key, value]]));

/** Anything that may replace one value of a valid body. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileText },
  { weight: 4, arbitrary: wrongType },
  { weight: 1, arbitrary: prototypeObject },
  { weight: 1, arbitrary: deepNesting },
);

/** Text that is not one JSON document: empty, cut short, trailing commas, two documents, a raw NUL. */
export const malformedJson = fc
  .constantFrom('', ' ', '{', '}', '{"a":1,}', "{'a':1}", '\uFEFF{}', '{"a":"\\ud800"', '{"a":"\\u00"}', '{"a":"\u0000"}', '[1,2', 'nul', '{"a":1}{"b":2}', '{"a":1}\u0000', '{"a":01}', '{"a":+1}', '{"a":.5}', '{"a":Infinity}')
  .map((text) => new RawJson(text));

/** A whole hostile body: any JSON document, an object of hostile members, or not JSON at all. */
export const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue,
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.tuple(fc.oneof(prototypeKey, hostileText), hostileValue), { maxLength: 4 }).map((entries) => new JsonEntries(entries)),
  malformedJson,
);

/** Content types a JSON route may be sent: the right one in many spellings, and wrong ones. */
export const jsonContentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/merge-patch+json', 'application/json;charset=UTF-16',
      'text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset="utf-8"; q=1',
    ),
  },
);
