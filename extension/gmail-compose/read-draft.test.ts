import { describe, expect, it } from 'vitest';
import { findComposeWindows } from './find-compose-windows';
import { isEmptyDraft, readDraft } from './read-draft';
import { composeWindowHtml, gmailPage } from './testing/gmail-markup';

function draftOf(subject: string, bodyHtml: string) {
  const { document } = gmailPage(composeWindowHtml({ subject, bodyHtml }));
  const [compose] = findComposeWindows(document);
  if (!compose) throw new Error('no compose window in the test markup');
  return { compose, draft: readDraft(compose) };
}

describe('readDraft', () => {
  it('reads the subject and the body as HTML', () => {
    const { draft } = draftOf('Spring offer', '<div>Hi {{ first name }},</div><div><b>20% off</b> this week.</div>');
    expect(draft).toEqual({ subject: 'Spring offer', html: '<div>Hi {{ first name }},</div><div><b>20% off</b> this week.</div>' });
  });

  it('leaves out the Gmail signature and the blank lines before it, and does not touch the compose window', () => {
    const signature =
      '<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br>' +
      '<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">Ada<br>Acme</div>';
    const { compose, draft } = draftOf('Hello', `<div>Text</div><div><br></div>${signature}`);

    expect(draft.html).toBe('<div>Text</div>');
    expect(compose.body.innerHTML).toContain('gmail_signature');
  });

  it('leaves out quoted text from an earlier message', () => {
    const { draft } = draftOf('Re: hi', '<div>New words</div><div class="gmail_quote"><div class="gmail_attr">On Monday, Bob wrote:</div><blockquote>old</blockquote></div>');
    expect(draft.html).toBe('<div>New words</div>');
  });

  it('keeps a body that is only an image', () => {
    const { draft } = draftOf('', '<div><img src="https://example.com/a.png" alt="Banner"></div>');
    expect(draft.html).toContain('<img');
  });

  it('reads an untouched compose window as empty', () => {
    const { draft } = draftOf('', '<br>');
    expect(draft).toEqual({ subject: '', html: '' });
    expect(isEmptyDraft(draft)).toBe(true);
  });

  it('keeps a subject without a body', () => {
    const { draft } = draftOf('  Just a subject ', '<div><br></div>');
    expect(draft).toEqual({ subject: 'Just a subject', html: '' });
    expect(isEmptyDraft(draft)).toBe(false);
  });
});
