import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJobs, suppressions, trackingOptOuts } from '../db/schema';
import { sentCampaignScenario } from '../testing/sent-campaign-scenario';
import { trackingRoutes } from './routes';

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

const HTML = '<p>Hi, <a href="https://example.org/a">first</a> and <a href="http://example.com/b">second</a>.</p>';

/** The page's "Stop tracking my opens and clicks" form, resolved against the page's URL as a browser would. */
async function stopTrackingForm(s: Scenario, unsubscribeUrl: string): Promise<string | null> {
  const page = await (await s.request(unsubscribeUrl)).text();
  const action = /<form method="post" action="([^"]+)">/.exec(page)?.[1];
  return action === undefined ? null : new URL(action, unsubscribeUrl).href;
}

describe('stop tracking my opens and clicks', () => {
  it('is offered on the unsubscribe page; its POST stops recording the earlier messages and tracking later ones, keeping only a keyed hash', async () => {
    const s = await scenario({ html: HTML, recipients: ['Ann@Example.com', 'bo@example.com'] });
    const ann = s.message('ann@example.com');
    const { jobId } = await s.recipient('ann@example.com');
    s.t.clock.advance(60_000);
    await s.request(ann.pixelUrl!);
    expect(await s.events()).toHaveLength(1);

    const action = await stopTrackingForm(s, ann.unsubscribeUrl!);
    expect(action).toBe(`${ann.unsubscribeUrl}/no-tracking`);
    // A scanner's GET of the form's address changes nothing.
    expect((await s.request(action!)).status).toBe(404);
    expect(await s.t.db.select().from(trackingOptOuts)).toEqual([]);

    const done = await s.request(action!, { method: 'POST', body: new URLSearchParams({ confirm: 'yes' }) });
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('Your opens and clicks are no longer tracked');
    expect(page).toContain('Ann@Example.com');
    expect(page).toContain('You are still on the mailing list');
    expect(done.headers.get('referrer-policy')).toBe('no-referrer');

    // Kept: a keyed hash, never the address. Not unsubscribed.
    const kept = await s.t.db.select().from(trackingOptOuts);
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(kept).toLowerCase()).not.toContain('ann');
    expect(await s.t.db.select().from(suppressions)).toEqual([]);
    expect((await s.t.db.select({ tracked: sendJobs.tracked }).from(sendJobs).where(eq(sendJobs.id, jobId)))[0]!.tracked).toBe(false);

    // The earlier message: its pixel still answers and its links still go where they point, recording nothing.
    s.t.clock.advance(60_000);
    expect((await s.request(ann.pixelUrl!)).status).toBe(200);
    const click = await s.request(ann.clickUrls[1]!);
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('http://example.com/b');
    expect(await s.events()).toHaveLength(1);
    // Bo did not opt out.
    await s.request(s.message('bo@example.com').pixelUrl!);
    expect(await s.events()).toHaveLength(2);

    // Asking again changes nothing; the page now says what is true instead of offering it.
    expect((await s.request(action!, { method: 'POST' })).status).toBe(200);
    expect(await s.t.db.select().from(trackingOptOuts)).toHaveLength(1);
    expect(await stopTrackingForm(s, ann.unsubscribeUrl!)).toBeNull();
    expect(await (await s.request(ann.unsubscribeUrl!)).text()).toContain('Your opens and clicks are not tracked');

    // A later campaign of this user: Ann's message carries no tracking, Bo's does.
    await s.launch({ name: 'Later', subject: 'Later news', html: HTML }, [{ email: 'ANN@example.com' }, { email: 'bo@example.com' }]);
    await s.tick();
    const later = (await s.mailbox('sender@gmail.com')).filter((message) => message.parsed.subject === 'Later news');
    const laterTo = (address: string) => later.find((message) => message.parsed.to?.[0]?.address?.toLowerCase() === address)!.parsed.html ?? '';
    expect(laterTo('ann@example.com')).not.toContain('/t/');
    expect(laterTo('ann@example.com')).toContain('href="http://example.com/b"');
    expect(laterTo('bo@example.com')).toMatch(/src="http:\/\/localhost:8787\/t\/o\//);
    const laterJobs = await s.t.db.select({ tracked: sendJobs.tracked }).from(sendJobs).where(eq(sendJobs.status, 'sent'));
    expect(laterJobs.map((job) => job.tracked).sort()).toEqual([false, false, true, true]);
  });

  it('records nothing more even through another process whose cache still holds the job as tracked', async () => {
    const s = await scenario({ html: HTML, recipients: ['bo@example.com'] });
    const bo = s.message('bo@example.com');
    // A second app on the same database (another Node instance, another Workers isolate).
    const other = new Hono().route('/', trackingRoutes(s.t.deps, s.sink));
    s.t.clock.advance(60_000);
    await other.request(bo.pixelUrl!, { headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)' } });
    expect(await s.events()).toHaveLength(1);

    expect((await s.request(`${bo.unsubscribeUrl}/no-tracking`, { method: 'POST' })).status).toBe(200);
    await other.request(bo.pixelUrl!, { headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)' } });
    expect(await s.events()).toHaveLength(1);
  });

  it('is offered after unsubscribing too, and then does not claim the address is still on the list', async () => {
    const s = await scenario({ html: HTML, recipients: ['bo@example.com'] });
    const url = s.message('bo@example.com').unsubscribeUrl!;
    const unsubscribed = await (await s.request(url, { method: 'POST', body: new URLSearchParams({ confirm: 'yes' }) })).text();
    expect(unsubscribed).toContain('You are unsubscribed');
    expect(await stopTrackingForm(s, url)).toBe(`${url}/no-tracking`);
    const page = await (await s.request(`${url}/no-tracking`, { method: 'POST' })).text();
    expect(page).toContain('Your opens and clicks are no longer tracked');
    expect(page).not.toContain('still on the mailing list');
  });

  it('refuses a forged or altered link and an oversized body, changing nothing', async () => {
    const s = await scenario({ html: HTML, recipients: ['bo@example.com'] });
    const url = s.message('bo@example.com').unsubscribeUrl!;
    const at = url.lastIndexOf('/') + 5;
    const altered = url.slice(0, at) + (url[at] === 'A' ? 'B' : 'A') + url.slice(at + 1);
    const refused = await s.request(`${altered}/no-tracking`, { method: 'POST' });
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('This link is not valid');
    const large = await s.request(`${url}/no-tracking`, { method: 'POST', body: 'x'.repeat(10_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(large.status).toBe(413);
    expect(await s.t.db.select().from(trackingOptOuts)).toEqual([]);
  });
});
