import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { expect } from 'vitest';
import { recipients, sendJobs, trackingEvents } from '../db/schema';
import { silentLogger } from '../lib/logger';
import { sendingScenario } from './sending-scenario';
import { createEventWriter, type TrackingEventSink } from '../tracking/event-writer';
import { trackingRoutes } from '../tracking/routes';

export const HUMAN_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

/**
 * Tests only: a campaign sent through the real engine and the Gmail sandbox, with the tracking URLs
 * read back from the messages as they left. Requests go to the app when it mounts the tracking
 * routes (`deps.trackingEvents` present), else to the routes mounted here on the test app's deps.
 */
export async function sentCampaignScenario(input: {
  html: string;
  recipients: string[];
  campaign?: Record<string, unknown>;
  scenario?: Parameters<typeof sendingScenario>[0];
}) {
  const s = await sendingScenario(input.scenario);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0, fromName: 'Ada Sender' });
  const campaignId = await s.launch({ subject: 'Hello', html: input.html, ...input.campaign }, input.recipients.map((email) => ({ email })));
  await s.tick();

  const wired = (s.t.deps as { trackingEvents?: TrackingEventSink }).trackingEvents;
  const sink = wired ?? createEventWriter(s.t.db, { flushAfterMs: null, logger: silentLogger });
  const app = wired ? s.t.app : new Hono().route('/', trackingRoutes(s.t.deps, sink));

  const sent = await s.mailbox('sender@gmail.com');
  expect(sent).toHaveLength(input.recipients.length);
  const messages = new Map(
    sent.map((message) => {
      const html = message.parsed.html ?? '';
      const unsubscribeHeader = message.parsed.headers.find((h) => h.key === 'list-unsubscribe')?.value ?? '';
      return [
        (message.parsed.to?.[0]?.address ?? '').toLowerCase(),
        {
          html,
          headers: message.parsed.headers,
          pixelUrl: /src="(http:\/\/localhost:8787\/t\/o\/[^"]+)"/.exec(html)?.[1] ?? null,
          clickUrls: [...html.matchAll(/href="(http:\/\/localhost:8787\/t\/c\/[^"]+)"/g)].map((m) => m[1]!),
          unsubscribeUrl: /<(http:\/\/localhost:8787\/u\/[^>]+)>/.exec(unsubscribeHeader)?.[1] ?? null,
        },
      ] as const;
    }),
  );
  const message = (email: string) => {
    const found = messages.get(email.toLowerCase());
    if (!found) throw new Error(`no message to ${email}`);
    return found;
  };

  return {
    ...s,
    campaignId,
    sink,
    message,
    /** A request as a mail client would make it: a person's agent unless `headers` say otherwise. */
    request: (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
      app.request(url, { ...init, headers: { 'user-agent': HUMAN_AGENT, ...init.headers } }),
    /** Flushes, then every tracking event, oldest first. */
    async events() {
      await sink.flush();
      return s.t.db.select().from(trackingEvents).orderBy(asc(trackingEvents.id));
    },
    /** The recipient and their step-0 job in this campaign. */
    async recipient(email: string, campaign = campaignId) {
      const [row] = await s.t.db
        .select({ recipientId: recipients.id, jobId: sendJobs.id, sentAt: sendJobs.sentAt })
        .from(recipients)
        .innerJoin(sendJobs, and(eq(sendJobs.recipientId, recipients.id), eq(sendJobs.step, 0)))
        .where(and(eq(recipients.campaignId, campaign), eq(recipients.emailKey, email.toLowerCase())));
      if (!row) throw new Error(`no recipient ${email}`);
      return row;
    },
  };
}
