import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { startBackend, type BackendProcess } from '../support/backend-process';
import { dashboardAgent } from '../support/dashboard-agent';
import { axeFindings, describeFindings } from '../support/axe';
import { apiJson, signUpWithToken, type DashboardUser } from '../support/dashboard-user';
import type { ExtensionBrowser } from '../support/extension-browser';
import { SCREENSHOTS } from '../support/extension-paths';
import { sandboxSentMail } from '../support/sandbox-sent-mail';
import { connectedSidePanel, waitForTestIdText } from '../support/side-panel';

/**
 * Issue 14, "A real editor, the same everywhere" and "Missing fields, found where they are": the
 * Tiptap editor in the real panel against the real backend and its Gmail sandbox. One story: a
 * Google Docs paste is stored as simple HTML; a merge-tag chip inside a link survives a save and a
 * reload; a follow-up written in the same editor keeps its paragraphs in the mail actually sent;
 * a launch refused for `{{company}}` in a link's address takes the user to that very link.
 */

const USER = 'editor@example.com';
const SENDER = 'writer@example.com';
const SIGNATURE = '<p>Ada Writer, Sales</p>';
const OFFER = 'https://x.test/offer?c={{company}}';

/** What Google Docs puts on the clipboard: a non-bold `<b>` wrapper, styled spans, a list. */
const GOOGLE_DOCS_HTML = [
  '<meta charset="utf-8">',
  '<b style="font-weight:normal;" id="docs-internal-guid-4c1f2e3a-7fff-1234-abcd-0123456789ab">',
  '<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;vertical-align:baseline;white-space:pre-wrap;">Plain words from Docs, </span>',
  '<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;white-space:pre-wrap;">a bold run</span></p>',
  '<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;">',
  '<li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" role="presentation" style="line-height:1.38;margin-top:0pt;"><span style="font-size:11pt;">First point</span></p></li>',
  '<li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" role="presentation" style="line-height:1.38;margin-top:0pt;"><span style="font-size:11pt;">Second point</span></p></li>',
  '</ul></b><br class="Apple-interchange-newline">',
].join('');

let backend: BackendProcess;
let chromium: ExtensionBrowser;
let user: DashboardUser;
let page: Page;
let campaignId: string;
const problems: string[] = [];

const api = (path: string, init: { method?: string; json?: unknown } = {}) => apiJson(backend.url, user.token, path, init);
const storedCampaign = async () => campaignSchema.parse(await api(`/api/campaigns/${campaignId}`));
const byTestId = (testId: string) => `[data-testid="${testId}"]`;

async function el(testId: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(byTestId(testId), { visible: true, timeout });
  if (!handle) throw new Error(`${testId} did not appear`);
  return handle;
}

async function click(testId: string): Promise<void> {
  await page.locator(byTestId(testId)).click();
}

async function save(): Promise<void> {
  await click('editor-save');
  await waitForTestIdText(page, 'editor-save-state', /All changes saved/);
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Empties an editor as a user would: click in it, select all, delete. */
async function clearEditor(testId: string): Promise<void> {
  await page.click(byTestId(testId));
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
}

/** The document inside the preview's sandboxed frame. */
async function previewFrame() {
  const frame = await (await el('preview-frame')).contentFrame();
  if (!frame) throw new Error('the preview frame has no document');
  return frame;
}

/** The id of the element that has the focus, or its test id. */
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? '');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  backend = await startBackend({ env: { SCHEDULER_INTERVAL_MS: '200' } });
  user = await signUpWithToken(backend.url, USER, 'e2e editor');
  await connectSandboxMailbox(dashboardAgent(backend.url, user.cookie), SENDER);
  const { accounts } = accountListSchema.parse(await api('/api/accounts'));
  const account = accounts.find((a) => a.email === SENDER);
  if (!account) throw new Error(`${SENDER} is not connected`);
  await api(`/api/accounts/${account.id}`, { method: 'PATCH', json: { minGapSeconds: 0, maxGapSeconds: 0, signatureHtml: SIGNATURE } });
  const campaign = campaignSchema.parse(
    await api('/api/campaigns', {
      method: 'POST',
      json: {
        name: 'Editor story',
        subject: 'Hello {{first name}}',
        accountIds: [account.id],
        schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
        throttle: { minGapSeconds: 0, maxGapSeconds: 0 },
        tracking: { opens: false, clicks: false },
      },
    }),
  );
  campaignId = campaign.id;
  // Bob has no company: the launch is refused until blanks are allowed.
  await api(`/api/campaigns/${campaignId}/recipients`, {
    method: 'POST',
    json: { recipients: [{ email: 'ann@example.com', fields: { 'first name': 'Ann', company: 'Acme' } }, { email: 'bob@example.com', fields: { 'first name': 'Bob', company: '' } }] },
  });
  ({ chromium, page } = await connectedSidePanel(backend.url, user.token, { height: 720, problems }));
  await page.locator(byTestId('campaign-open')).click();
  await el('editor-body');
});

afterAll(async () => {
  await chromium?.close();
  await backend?.stop();
});

describe('the message editor', () => {
  it('stores a Google Docs paste as simple HTML: no styles, no Docs wrapper, bold and list kept', async () => {
    await page.click(byTestId('editor-body'));
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Plain words from Docs, a bold run\nFirst point\nSecond point');
      document.querySelector('[data-testid="editor-body"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, GOOGLE_DOCS_HTML);
    await page.waitForSelector(`${byTestId('editor-body')} li`, { timeout: 5000 });
    await save();

    const { html } = await storedCampaign();
    expect(html).not.toMatch(/style=|docs-internal-guid|<b\b|<span|dir=|<meta/);
    // The wrapper `<b style="font-weight:normal">` is not bold; the 700-weight run is.
    expect(html).toContain('<p>Plain words from Docs, <strong>a bold run</strong></p>');
    expect(html).toContain('<ul><li><p>First point</p></li><li><p>Second point</p></li></ul>');

    // The HTML view shows the same HTML; markup typed there is what the editor shows back.
    await click('editor-body-html-toggle');
    const source = await el('editor-body-html');
    expect(await source.evaluate((area) => (area as HTMLTextAreaElement).value)).toBe(html);
    await page.locator(byTestId('editor-body-html')).fill('<p>From the <b>HTML</b> view</p>');
    await click('editor-body-html-toggle');
    const bold = await page.waitForSelector(`${byTestId('editor-body')} strong`, { timeout: 5000 });
    expect(await bold?.evaluate((node) => node.textContent)).toBe('HTML');
  });

  it('puts a merge-tag chip inside a link from the pickers, stores plain tags, and shows the chip again after a reload', async () => {
    await clearEditor('editor-body');
    await page.keyboard.type('Offer for ');
    await page.select(byTestId('merge-tag-field'), 'company');
    await click('merge-tag-insert');
    await page.waitForSelector(`${byTestId('editor-body')} .merge-chip[data-merge-tag="{{company}}"]`, { timeout: 5000 });

    // Select the whole line, chip included, and link it; the address gets its field from the link box's own picker.
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await click('editor-body-link');
    const address = await el('editor-body-link-address');
    expect(await focused()).toBe('editor-body-link-address');
    await address.evaluate((input) => (input as HTMLInputElement).select());
    await page.keyboard.type('https://x.test/offer?c=');
    await page.select(byTestId('editor-body-link-tag-field'), 'company');
    await click('editor-body-link-tag-insert');
    await page.waitForFunction((selector, expected) => (document.querySelector(selector) as HTMLInputElement | null)?.value === expected, {}, byTestId('editor-body-link-address'), OFFER);
    expect(describeFindings('Write tab with the link box open', await axeFindings(page))).toBe('');
    await click('editor-body-link-apply');
    await page.waitForSelector(`${byTestId('editor-body')} a .merge-chip`, { timeout: 5000 });
    await shoot('editor-chip');
    await save();

    const saved = await storedCampaign();
    expect(saved.html).toBe(`<p><a href="${OFFER}">Offer for {{company}}</a></p>`);

    await page.reload();
    await page.locator(byTestId('campaign-open')).click();
    const chip = await page.waitForSelector(`${byTestId('editor-body')} a[href="${OFFER}"] .merge-chip[data-merge-tag="{{company}}"]`, { timeout: 15_000 });
    expect(await chip?.evaluate((node) => node.getAttribute('contenteditable'))).toBe('false');
    // The chip is shown as the tag it is, and the stored body did not change by being opened.
    expect(await chip?.evaluate((node) => node.textContent)).toBe('{{company}}');
    expect((await storedCampaign()).version).toBe(saved.version);

    // The preview shows the link merged for Ann, in Gmail's font, with the signature.
    await waitForTestIdText(page, 'preview-subject', /^Hello Ann$/);
    const first = await previewFrame();
    await first.waitForFunction(() => document.querySelector('a')?.textContent === 'Offer for Acme', { timeout: 5000 });
    // The sandboxed frame paints only once it has been in view.
    await (await el('preview')).scrollIntoView();
    await shoot('editor-with-preview');
  });

  it('writes a follow-up in the same editor, focused when added, and previews it with the signature', async () => {
    await page.locator(`${byTestId('editor-more')} > summary`).click();
    await click('follow-up-add');
    await page.waitForFunction(() => document.activeElement?.id === 'fu-delay-0', { timeout: 5000 });
    await page.locator(byTestId('fu-delay-0')).fill('0');
    await page.click(byTestId('fu-body-0'));
    await page.keyboard.type('Hi again, ');
    // The follow-up's own picker puts the chip in the follow-up, where its caret is.
    await page.select(byTestId('fu-merge-tag-0-field'), 'company');
    await click('fu-merge-tag-0-insert');
    await page.waitForSelector(`${byTestId('fu-body-0')} .merge-chip[data-merge-tag="{{company}}"]`, { timeout: 5000 });
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second paragraph here.');
    await save();
    expect(describeFindings('Write tab with a follow-up', await axeFindings(page))).toBe('');
    expect((await storedCampaign()).followUps).toMatchObject([{ delayHours: 0, subject: null, html: '<p>Hi again, {{company}}</p><p>Second paragraph here.</p>' }]);

    await page.select(byTestId('preview-step'), '1');
    await waitForTestIdText(page, 'preview-subject', /^Re: Hello Ann$/);
    expect(await (await el('preview-signature')).evaluate((node) => node.textContent)).toMatch(/signature of writer@example\.com/);
    const frame = await previewFrame();
    await frame.waitForFunction(() => document.body?.textContent?.includes('Ada Writer, Sales'), { timeout: 5000 });
    // Gmail's default face, not the browser's serif.
    expect(await frame.evaluate(() => getComputedStyle(document.querySelector('p')!).fontFamily)).toMatch(/^Arial/);
    await (await el('preview')).scrollIntoView();
    await shoot('editor-follow-up');
  });

  it('names the link a missing field is in, and its button opens the link editor on that address', async () => {
    await click('campaign-tab-launch');
    // The tag is in the link's text, its address and the follow-up: each place is named, with its button.
    await waitForTestIdText(page, 'preflight-missing-places', /\{\{company\}\} is in the body, the link https:\/\/x\.test\/offer\?c=\{\{company\}\}, and follow-up 1's body/);
    const labels = await page.$$eval(byTestId('preflight-go-to'), (buttons) => buttons.map((button) => button.textContent));
    expect(labels).toEqual(['Go to the body', `Go to the link ${OFFER}`, "Go to follow-up 1's body"]);
    const goTo = (await page.$$(byTestId('preflight-go-to')))[1]!;
    await goTo.click();

    const address = await el('editor-body-link-address');
    expect(await address.evaluate((input) => (input as HTMLInputElement).value)).toBe(OFFER);
    expect(await focused()).toBe('editor-body-link-address');
    // The box is on that link: "Remove link" acts on it.
    await click('editor-body-link-remove');
    await page.waitForSelector(`${byTestId('editor-body')} a`, { hidden: true, timeout: 5000 });
    // Undo brings the link back: the editor's history covers link edits too.
    await click('editor-body-undo');
    await page.waitForSelector(`${byTestId('editor-body')} a[href="${OFFER}"]`, { timeout: 5000 });

    // A follow-up's body: the folded settings open and its editor has the focus.
    await click('campaign-tab-launch');
    await el('preflight-go-to');
    await (await page.$$(byTestId('preflight-go-to')))[2]!.click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'fu-body-0', { timeout: 5000 });
    expect(await page.$eval(byTestId('editor-more'), (details) => (details as HTMLDetailsElement).open)).toBe(true);
  });

  it('sends the follow-up with both of its paragraphs', async () => {
    await click('campaign-tab-launch');
    await click('allow-blank');
    await waitForTestIdText(page, 'preflight-sendable', /^2$/);
    await click('launch-button');
    await el('pause-button');

    await expect.poll(async () => (await sandboxSentMail(backend.url, SENDER)).length, { timeout: 30_000, interval: 250 }).toBe(4);
    const sent = await sandboxSentMail(backend.url, SENDER);
    const followUp = sent.find((mail) => mail.subject === 'Re: Hello Ann');
    expect(followUp?.html).toContain('<p>Hi again, Acme</p><p>Second paragraph here.</p>');
    expect(followUp?.text).toMatch(/Hi again, Acme\s*\n\s*\n\s*Second paragraph here\./);
    const first = sent.find((mail) => mail.subject === 'Hello Ann');
    expect(first?.html).toContain('Offer for Acme');

    // Launched: the message is read-only, and says so.
    await click('campaign-tab-write');
    const body = await el('editor-body');
    expect(await body.evaluate((node) => [node.getAttribute('contenteditable'), node.getAttribute('aria-readonly')])).toEqual(['false', 'true']);
    expect(await (await el('editor-launched-notice')).evaluate((node) => node.textContent)).toMatch(/^Launched: the subject, message/);
    expect(problems).toEqual([]);
  });

  it('shows the last preview it rendered, marked as not fresh, when the server cannot be reached', async () => {
    await waitForTestIdText(page, 'preview-subject', /^Hello Ann$/);
    await backend.stop();
    await page.select(byTestId('preview-step'), '1');
    await waitForTestIdText(page, 'preview-cached', /^Not fresh: the server cannot be reached, so this is the preview rendered /);
    expect(await (await el('preview-subject')).evaluate((node) => node.textContent)).toBe('Re: Hello Ann');
  });
});
