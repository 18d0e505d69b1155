import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { jobLinks, trackingEvents, users } from '../db/schema';
import { silentLogger } from '../lib/logger';
import { createEventWriter } from './event-writer';
import { trackingRoutes } from './routes';
import { deriveKey } from '../lib/keys';
import { createTrackingSigner, signTrackingToken } from './tokens';
import { sentCampaignScenario } from '../testing/sent-campaign-scenario';

type Scenario = Awaited<ReturnType<typeof sentCampaignScenario>>;
const scenarios: Scenario[] = [];
async function scenario(input: Parameters<typeof sentCampaignScenario>[0]) {
  const s = await sentCampaignScenario(input);
  scenarios.push(s);
  return s;
}
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const HTML =
  '<p>Hi, <a href="https://example.org/a?x=1&amp;y=2">first</a> and <a href="http://example.com/b">second</a>.</p>' +
  '<p><a href="javascript:alert(1)">script</a> <a href="data:text/html,hi">data</a> <a href="mailto:ada@example.org">mail</a></p>';

/** The same token with one character changed (still base64url). */
function altered(url: string): string {
  const at = url.lastIndexOf('/') + 5;
  return url.slice(0, at) + (url[at] === 'A' ? 'B' : 'A') + url.slice(at + 1);
}

async function expectPixel(response: Response, { head = false } = {}) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/gif');
  expect(response.headers.get('content-length')).toBe('42');
  expect(response.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, private');
  const body = Buffer.from(await response.arrayBuffer());
  expect(body).toEqual(head ? Buffer.alloc(0) : GIF);
}

describe('open pixel and click redirects', () => {
  it('records an open and a click with the campaign, recipient, job, step, link, address and agent', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com', 'bo@example.com'] });
    const bo = s.message('bo@example.com');
    const { recipientId, jobId } = await s.recipient('bo@example.com');
    s.t.clock.advance(60_000);

    await expectPixel(await s.request(bo.pixelUrl!, { headers: { 'x-test-client-address': '198.51.100.23' } }));
    const openedAt = s.t.clock.now();
    s.t.clock.advance(20_000);
    const click = await s.request(bo.clickUrls[1]!);
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('http://example.com/b');
    expect(click.headers.get('referrer-policy')).toBe('no-referrer');
    const clickedAt = s.t.clock.now();
    s.t.clock.advance(20_000);
    const first = await s.request(bo.clickUrls[0]!);
    expect(first.headers.get('location')).toBe('https://example.org/a?x=1&y=2');

    const common = { campaignId: s.campaignId, recipientId, jobId, step: 0, machine: false, userAgent: expect.stringMatching(/^Mozilla\/5\.0 \(Macintosh/) };
    expect(await s.events()).toEqual([
      expect.objectContaining({ ...common, kind: 'open', linkIndex: null, url: null, ipAddress: '198.51.100.23', occurredAt: openedAt }),
      expect.objectContaining({ ...common, kind: 'click', linkIndex: 1, url: 'http://example.com/b', ipAddress: '192.0.2.1', occurredAt: clickedAt }),
      expect.objectContaining({ ...common, kind: 'click', linkIndex: 0, url: 'https://example.org/a?x=1&y=2', occurredAt: s.t.clock.now() }),
    ]);
  });

  it('records every repeat of an open, answered from memory, and still refuses mixed ids and other kinds once the job is known', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com', 'bo@example.com'] });
    const ana = s.message('ana@example.com');
    const { recipientId, jobId } = await s.recipient('ana@example.com');
    const bo = await s.recipient('bo@example.com');
    const signer = await createTrackingSigner(await deriveKey(s.t.config.authSecret, 'tracking'));
    s.t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) {
      await expectPixel(await s.request(ana.pixelUrl!));
      s.t.clock.advance(1_000);
    }
    // Ana's token and job are in memory now: the same checks still apply.
    const mixed = await signTrackingToken(signer, { kind: 'open', jobId, recipientId: bo.recipientId, step: 0 });
    // Twice: the second time the mixed token itself is remembered (it is authentic).
    await expectPixel(await s.request(`http://localhost:8787/t/o/${mixed}.gif`));
    await expectPixel(await s.request(`http://localhost:8787/t/o/${mixed}.gif`));
    await expectPixel(await s.request(ana.unsubscribeUrl!.replace('/u/', '/t/o/')));
    await expectPixel(await s.request(ana.clickUrls[0]!.replace('/t/c/', '/t/o/')));
    const events = await s.events();
    expect(events.map((e) => [e.kind, e.jobId, e.recipientId])).toEqual([
      ['open', jobId, recipientId],
      ['open', jobId, recipientId],
      ['open', jobId, recipientId],
    ]);
  });

  it('never rewrote javascript:, data: or mailto: links', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com'] });
    const { html, clickUrls } = s.message('ana@example.com');
    expect(clickUrls).toHaveLength(2);
    expect(html).toContain('href="javascript:alert(1)"');
    expect(html).toContain('href="data:text/html,hi"');
    expect(html).toContain('href="mailto:ada@example.org"');
  });

  it('answers the pixel to a forged or altered token and records nothing; a click on one is a 404 page', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com'] });
    const ana = s.message('ana@example.com');
    const { recipientId, jobId } = await s.recipient('ana@example.com');
    const otherKey = await createTrackingSigner(await deriveKey(new Uint8Array(32).fill(9), 'tracking'));
    const foreign = await signTrackingToken(otherKey, { kind: 'open', jobId, recipientId, step: 0 });
    const foreignClick = await signTrackingToken(otherKey, { kind: 'click', jobId, recipientId, step: 0, linkIndex: 0 });

    for (const url of [altered(ana.pixelUrl!), `http://localhost:8787/t/o/${foreign}.gif`, 'http://localhost:8787/t/o/nothing.gif', 'http://localhost:8787/t/o/x']) {
      await expectPixel(await s.request(url));
    }
    // Another kind's token on the pixel route records nothing either.
    await expectPixel(await s.request(ana.unsubscribeUrl!.replace('/u/', '/t/o/')));

    for (const url of [altered(ana.clickUrls[0]!), `http://localhost:8787/t/c/${foreignClick}`, ana.pixelUrl!.replace('/t/o/', '/t/c/').replace('.gif', '')]) {
      const response = await s.request(url, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(404);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('This link is not valid');
    }
    expect(await s.events()).toEqual([]);
  });

  it('refuses a validly signed token whose ids do not belong together', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com', 'bo@example.com'] });
    const ana = await s.recipient('ana@example.com');
    const bo = await s.recipient('bo@example.com');
    const signer = await createTrackingSigner(await deriveKey(s.t.config.authSecret, 'tracking'));
    const mixed = await signTrackingToken(signer, { kind: 'click', jobId: ana.jobId, recipientId: bo.recipientId, step: 0, linkIndex: 0 });
    const missing = await signTrackingToken(signer, { kind: 'click', jobId: ana.jobId, recipientId: ana.recipientId, step: 0, linkIndex: 7 });
    expect((await s.request(`http://localhost:8787/t/c/${mixed}`)).status).toBe(404);
    expect((await s.request(`http://localhost:8787/t/c/${missing}`)).status).toBe(404);
    await expectPixel(await s.request(`http://localhost:8787/t/o/${await signTrackingToken(signer, { kind: 'open', jobId: ana.jobId, recipientId: bo.recipientId, step: 0 })}.gif`));
    expect(await s.events()).toEqual([]);
  });

  it('redirects only to the stored URL, whatever the request adds', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com'] });
    const [link] = s.message('ana@example.com').clickUrls;
    s.t.clock.advance(60_000);
    const tricks = [
      `${link}?url=https://evil.example/`,
      `${link}?redirect=%2F%2Fevil.example&next=javascript:alert(1)`,
      `${link}#https://evil.example`,
      `${link}/https://evil.example`,
      `${link}/..%2F..%2Fevil.example`,
      `${link}%2F%2Fevil.example`,
      `${link}@evil.example`,
      link!.replace('/t/c/', '/t/c//evil.example/'),
    ];
    for (const url of tricks) {
      const response = await s.request(url);
      if (response.status === 302) expect(response.headers.get('location'), url).toBe('https://example.org/a?x=1&y=2');
      else expect(response.status, url).toBe(404);
    }
    // The query string and the fragment do not change the token: those three went to the stored URL.
    expect((await s.events()).filter((e) => e.kind === 'click')).toHaveLength(3);
  });

  it('never follows a stored URL that is not http(s)', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com'] });
    const { jobId } = await s.recipient('ana@example.com');
    // Before any click, so nothing is cached: as if a bug had stored it.
    await s.t.db.update(jobLinks).set({ url: 'javascript:alert(document.cookie)' }).where(eq(jobLinks.jobId, jobId));
    const response = await s.request(s.message('ana@example.com').clickUrls[0]!);
    expect(response.status).toBe(404);
    expect(response.headers.get('location')).toBeNull();
    expect(await s.events()).toEqual([]);
  });

  it('answers HEAD with the pixel headers and no body, and records it as a machine', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com'] });
    const ana = s.message('ana@example.com');
    s.t.clock.advance(60_000);
    await expectPixel(await s.request(ana.pixelUrl!, { method: 'HEAD' }), { head: true });
    const click = await s.request(ana.clickUrls[0]!, { method: 'HEAD' });
    expect(click.status).toBe(302);
    expect((await s.events()).map((e) => [e.kind, e.machine])).toEqual([
      ['open', true],
      ['click', true],
    ]);
  });

  it('labels proxies, prefetches and scanners as machines, people as people', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com', 'bo@example.com', 'cy@example.com'] });
    const ana = s.message('ana@example.com');
    const bo = s.message('bo@example.com');
    const cy = s.message('cy@example.com');

    // Right at delivery: a gateway scanner follows the link within seconds.
    s.t.clock.advance(3_000);
    await s.request(cy.clickUrls[0]!);
    s.t.clock.advance(60_000);
    await s.request(ana.pixelUrl!, { headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' } });
    await s.request(ana.pixelUrl!, { headers: { 'user-agent': 'Mozilla/5.0' } });
    await s.request(ana.clickUrls[0]!, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel)' } });
    await s.request(ana.clickUrls[1]!, { headers: { 'user-agent': 'python-requests/2.32.3' } });
    await s.request(ana.pixelUrl!); // the person
    // A scanner clicking every link of a message at once, with a browser's agent: the first click
    // looked human until the second completed the set.
    await s.request(bo.clickUrls[0]!);
    s.t.clock.advance(800);
    await s.request(bo.clickUrls[1]!);
    // Later, the person clicks.
    s.t.clock.advance(60_000);
    await s.request(bo.clickUrls[0]!);

    const { recipientId: anaId } = await s.recipient('ana@example.com');
    const { recipientId: boId } = await s.recipient('bo@example.com');
    const { recipientId: cyId } = await s.recipient('cy@example.com');
    const who = new Map([[anaId, 'ana'], [boId, 'bo'], [cyId, 'cy']]);
    expect((await s.events()).map((e) => [who.get(e.recipientId), e.kind, e.linkIndex, e.machine])).toEqual([
      ['cy', 'click', 0, true],
      ['ana', 'open', null, true],
      ['ana', 'open', null, true],
      ['ana', 'click', 0, true],
      ['ana', 'click', 1, true],
      ['ana', 'open', null, false],
      ['bo', 'click', 0, true],
      ['bo', 'click', 1, true],
      ['bo', 'click', 0, false],
    ]);
  });

  it('stores only the truncated address when the user asked for it', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com'] });
    const ana = s.message('ana@example.com');
    await s.t.db.update(users).set({ truncateIpAddresses: true });
    s.t.clock.advance(60_000);
    await s.request(ana.pixelUrl!, { headers: { 'x-test-client-address': '203.0.113.77' } });
    await s.request(ana.clickUrls[0]!, { headers: { 'x-test-client-address': '2001:db8:abcd:12::1' } });
    expect((await s.events()).map((e) => e.ipAddress)).toEqual(['203.0.113.0', '2001:db8:abcd::']);
  });

  it('on Workers (no timer), writes each event after the answer through waitUntil', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com'] });
    const sink = createEventWriter(s.t.db, { flushAfterMs: null, logger: silentLogger });
    const app = new Hono().route('/', trackingRoutes(s.t.deps, sink));
    const waiting: Promise<unknown>[] = [];
    const executionCtx = { waitUntil: (promise: Promise<unknown>) => void waiting.push(promise), passThroughOnException() {}, props: {} };
    const response = await app.request(s.message('ana@example.com').pixelUrl!, { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0' } }, undefined, executionCtx);
    expect(response.status).toBe(200);
    expect(waiting).toHaveLength(1);
    await Promise.all(waiting);
    expect(sink.pending).toBe(0);
    expect(await s.t.db.select().from(trackingEvents)).toEqual([expect.objectContaining({ kind: 'open', machine: false })]);
  });

  it('loses no event when the sink closes', async () => {
    const s = await scenario({ html: HTML, recipients: ['ana@example.com', 'bo@example.com'] });
    s.t.clock.advance(60_000);
    const urls = ['ana@example.com', 'bo@example.com'].flatMap((email) => [s.message(email).pixelUrl!, ...s.message(email).clickUrls]);
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => s.request(urls[i % urls.length]!)));
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(20).fill(200), ...Array(40).fill(302)]);
    await s.sink.close();
    expect(await s.events()).toHaveLength(60);
  });
});
