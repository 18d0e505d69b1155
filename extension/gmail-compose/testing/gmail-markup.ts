import { parseHTML } from 'linkedom';

/**
 * Test helpers: Gmail's compose window markup, trimmed to what the button relies on (as of 2025:
 * a dialog, the `subjectbox` input, the `g_editable` body, the Send button in a toolbar table row),
 * and a DOM to put it in. linkedom is the DOM WXT itself uses to read HTML; it has no layout,
 * popovers or shadow-root styles, so the button's UI is tested in Chromium (tests/e2e).
 */

export interface ComposeMarkup {
  subject?: string;
  bodyHtml?: string;
  /** Without the toolbar row that holds Send: Gmail changed its markup. */
  toolbar?: boolean;
  /** `fr`: the labels of a French Gmail, so only the language-free fallbacks match. */
  language?: 'en' | 'fr';
}

export function composeWindowHtml({ subject = '', bodyHtml = '<br>', toolbar = true, language = 'en' }: ComposeMarkup = {}): string {
  const t = language === 'en' ? { message: 'New Message', body: 'Message Body', send: 'Send ‪(Ctrl-Enter)‬' } : { message: 'Nouveau message', body: 'Corps du message', send: 'Envoyer ‪(Ctrl-Entrée)‬' };
  const toolbarRow = toolbar
    ? `<table class="IZ"><tbody><tr class="btC">
        <td class="gU Up"><div class="J-J5-Ji btA"><div class="dC">
          <div role="button" class="T-I J-J5-Ji aoO v7 T-I-atl L3" tabindex="1" data-tooltip="${t.send}" aria-label="${t.send}">${language === 'en' ? 'Send' : 'Envoyer'}</div>
          <div role="button" class="T-I J-J5-Ji hG T-I-atl L3" aria-label="More send options"></div>
        </div></div></td>
        <td class="gU a0z"><div role="button" aria-label="Formatting options"></div></td>
      </tr></tbody></table>`
    : '';
  return `<div role="dialog" class="nH Hd" aria-label="${t.message}"><div class="nH">
    <form class="bAs" method="POST"><input name="subjectbox" class="aoT" aria-label="Subject" value="${subject}"></form>
    <table class="iN"><tbody><tr><td class="Ap"><div class="Ar Au">
      <div class="Am aiL Al editable LW-avf tS-tW" aria-label="${t.body}" g_editable="true" role="textbox" aria-multiline="true" contenteditable="true" tabindex="1">${bodyHtml}</div>
    </div></td></tr></tbody></table>
    ${toolbarRow}
  </div></div>`;
}

export interface TestDom {
  document: Document;
  MutationObserver: typeof MutationObserver;
}

/** A document whose body holds `html`, e.g. a page with two compose windows. */
export function gmailPage(html: string): TestDom {
  const window = parseHTML(`<!doctype html><html><head></head><body><div class="aeF">inbox</div><div class="dw">${html}</div></body></html>`);
  // linkedom's classes are its own; they implement the parts of the DOM these tests use.
  return {
    document: window.document as unknown as Document,
    MutationObserver: window.MutationObserver as unknown as typeof MutationObserver,
  };
}
