import { describe, expect, it } from 'vitest';
import { findComposeWindows } from './find-compose-windows';
import { composeWindowHtml, gmailPage } from './testing/gmail-markup';

describe('findComposeWindows', () => {
  it('finds a compose window with its subject, body and Send button', () => {
    const { document } = gmailPage(composeWindowHtml({ subject: 'Spring offer' }));
    const [compose, ...others] = findComposeWindows(document);

    expect(others).toEqual([]);
    expect(compose?.root.closest('[role="dialog"]')).not.toBeNull();
    expect(compose?.subject.getAttribute('name')).toBe('subjectbox');
    expect(compose?.body.getAttribute('aria-label')).toBe('Message Body');
    expect(compose?.sendButton.getAttribute('data-tooltip')).toMatch(/^Send/);
  });

  it('gives each of several compose windows its own body and Send button', () => {
    const { document } = gmailPage(composeWindowHtml({ subject: 'One' }) + composeWindowHtml({ subject: 'Two' }));
    const windows = findComposeWindows(document);

    expect(windows).toHaveLength(2);
    const [one, two] = windows;
    expect(one?.root).not.toBe(two?.root);
    expect(one?.root.contains(one.sendButton)).toBe(true);
    expect(two?.root.contains(two.sendButton)).toBe(true);
    expect(one?.root.contains(two!.sendButton)).toBe(false);
  });

  it('falls back to language-free attributes in a Gmail that is not in English', () => {
    const { document } = gmailPage(composeWindowHtml({ language: 'fr' }));
    const [compose] = findComposeWindows(document);

    expect(compose?.body.getAttribute('aria-label')).toBe('Corps du message');
    expect(compose?.sendButton.textContent).toBe('Envoyer');
  });

  it('skips a compose window whose toolbar it cannot recognise, without borrowing another window’s Send', () => {
    const { document } = gmailPage(composeWindowHtml({ toolbar: false, subject: 'Lost' }) + composeWindowHtml({ subject: 'Fine' }));
    const windows = findComposeWindows(document);

    expect(windows).toHaveLength(1);
    expect(windows[0]?.subject.getAttribute('value')).toBe('Fine');
  });

  it('finds nothing on a page without compose windows', () => {
    expect(findComposeWindows(gmailPage('<div role="main">Inbox</div>').document)).toEqual([]);
  });

  it('finds a compose window that is not a dialog (Gmail changed its markup) by its contents', () => {
    const { document } = gmailPage(composeWindowHtml().replace('role="dialog"', 'role="region"'));
    expect(findComposeWindows(document)).toHaveLength(1);
  });
});
