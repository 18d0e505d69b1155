import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger';
import { HUMAN_AGENT } from '../testing/sent-campaign-scenario';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { createEventWriter, type TrackingEventSink } from '../tracking/event-writer';
import { trackingRoutes } from '../tracking/routes';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const VARIANTS = [
  { subject: 'Plain', html: '<p>A <a href="https://a.test/one">one</a> <a href="https://a.test/two">two</a></p>' },
  { subject: 'Curious', html: '<p>B <a href="https://b.test/one?x={{ code }}">one</a></p>' },
];

describe('a message found in the mailbox after its answer was lost', () => {
  it('keeps its tracked links working: each click redirects to where the link pointed, for A and for B', async () => {
    const s = await sendingScenario({ accounts: ['sender@gmail.com'] });
    scenarios.push(s);
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
    const id = await s.launch({ subject: 'Plain', html: VARIANTS[0]!.html, variants: VARIANTS, schedule: ALWAYS_OPEN }, [
      { email: 'ana@example.com', fields: { code: 'x1' } },
      { email: 'bo@example.com', fields: { code: 'y2' } },
    ]);
    // Gmail stores both messages and the engine never hears back: the next attempts find them in the mailbox.
    await s.t.control('POST', '/faults', { operation: 'send', status: 500, reason: 'backendError', afterSend: true, count: 2 });
    await s.untilCompleted(id);

    const sent = await s.mailbox('sender@gmail.com');
    expect(sent).toHaveLength(2);
    const wired = (s.t.deps as { trackingEvents?: TrackingEventSink }).trackingEvents;
    const app = wired ? s.t.app : new Hono().route('/', trackingRoutes(s.t.deps, createEventWriter(s.t.db, { flushAfterMs: null, logger: silentLogger })));
    const destinations = new Map<string, string[]>();
    for (const message of sent) {
      const clickUrls = [...(message.parsed.html ?? '').matchAll(/href="(http:\/\/localhost:8787\/t\/c\/[^"]+)"/g)].map((m) => m[1]!);
      const to: string[] = [];
      for (const url of clickUrls) {
        const click = await app.request(url, { headers: { 'user-agent': HUMAN_AGENT } });
        expect(click.status, url).toBe(302);
        to.push(click.headers.get('location')!);
      }
      destinations.set(message.parsed.subject ?? '', to);
    }
    expect(Object.fromEntries(destinations)).toEqual({ Plain: ['https://a.test/one', 'https://a.test/two'], Curious: ['https://b.test/one?x=y2'] });
  });
});
