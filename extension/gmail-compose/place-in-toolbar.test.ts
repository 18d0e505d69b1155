import { describe, expect, it } from 'vitest';
import { findComposeWindows } from './find-compose-windows';
import { PLACED_SELECTOR, placeInToolbar } from './place-in-toolbar';
import { composeWindowHtml, gmailPage } from './testing/gmail-markup';

describe('placeInToolbar', () => {
  it('adds a cell right after the Send cell of Gmail’s toolbar row', () => {
    const { document } = gmailPage(composeWindowHtml());
    const [compose] = findComposeWindows(document);
    const host = document.createElement('span');

    const placed = placeInToolbar(compose!.sendButton, host);

    expect(placed.tagName).toBe('TD');
    expect(placed.matches(PLACED_SELECTOR)).toBe(true);
    expect(placed.previousElementSibling?.contains(compose!.sendButton)).toBe(true);
    expect(placed.firstElementChild).toBe(host);
  });

  it('goes after the Send group when the toolbar is not a table', () => {
    const { document } = gmailPage(
      '<div class="bar"><div class="group"><div role="button" aria-label="Send">Send</div><div role="button" aria-label="More send options"></div></div><div role="button">Attach</div></div>',
    );
    const send = document.querySelector('[aria-label="Send"]')!;
    const host = document.createElement('span');

    const placed = placeInToolbar(send, host);

    expect(placed).toBe(host);
    expect(host.matches(PLACED_SELECTOR)).toBe(true);
    expect(host.previousElementSibling?.className).toBe('group');
  });
});
