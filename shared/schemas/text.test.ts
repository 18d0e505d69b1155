import { describe, expect, it } from 'vitest';
import { accountPatchSchema } from './accounts';
import { addressText, bodyText, nameText, singleLineText } from './text';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message) ?? [];

describe('text schemas', () => {
  it('singleLineText refuses a line break in the field’s own words, other controls by code point', () => {
    const subject = singleLineText({ lineBreak: 'A subject is a single line' });
    expect(messages(subject.safeParse('a\r\nBcc: x'))).toEqual(['A subject is a single line']);
    expect(messages(subject.safeParse('a\u0000b'))).toEqual(['Contains a control character (U+0000)']);
    expect(messages(subject.safeParse('a\u2028b'))).toEqual(['Contains a control character (U+2028)']);
    expect(subject.parse('tab\tkept')).toBe('tab\tkept');
  });

  it('nameText and bodyText keep tab, CR and LF, and refuse the other controls', () => {
    for (const schema of [nameText(), bodyText()]) {
      expect(schema.parse('one\r\ntwo\tthree')).toBe('one\r\ntwo\tthree');
      expect(messages(schema.safeParse('one\u000Btwo'))).toEqual(['Contains a control character (U+000B)']);
    }
    expect(nameText({ trim: true }).parse('  Spring  ')).toBe('Spring');
  });

  it('addressText trims, then refuses invisible and direction-changing characters', () => {
    expect(addressText().parse(' ada@example.com ')).toBe('ada@example.com');
    expect(messages(addressText().safeParse('ada\u202E@example.com'))).toEqual(['The address contains an invisible or direction-changing character (U+202E)']);
  });
});

describe('account settings', () => {
  it('refuse control characters in the From name and the signature, and keep the old rules', () => {
    const result = accountPatchSchema.safeParse({ fromName: 'Ada\u0000Lovelace', signatureHtml: '<p>Ada</p>\u0007' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['fromName', 'Contains a control character (U+0000)'],
      ['signatureHtml', 'Contains a control character (U+0007)'],
    ]);
    expect(messages(accountPatchSchema.safeParse({ fromName: 'Ada\nBcc: x' }))).toEqual(['Use a single line']);
    expect(accountPatchSchema.parse({ fromName: '  Ada Lovelace \n', signatureHtml: '<p>Ada</p>\r\n<p>Lovelace</p>' })).toEqual({
      fromName: 'Ada Lovelace',
      signatureHtml: '<p>Ada</p>\r\n<p>Lovelace</p>',
    });
  });
});
