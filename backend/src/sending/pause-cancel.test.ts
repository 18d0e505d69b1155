import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJobs } from '../db/schema';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const MAILBOX = 'sender@work.example';
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const recipients = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `person${i}@example.com` }));

async function scenario() {
  const s = await sendingScenario({ accounts: [MAILBOX] });
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  return s;
}
const jobsOf = (s: SendingScenario, id: string) => s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));

/**
 * Starts a tick whose next send is held at Gmail (a sandbox `hold` fault) and returns once it is:
 * the message is in flight for as long as the test needs. `release` lets it finish.
 */
async function tickWithSendInFlight(s: SendingScenario) {
  const gate = ((await s.t.control('POST', '/faults', { operation: 'send', hold: true, count: 1 })).body as { id: string }).id;
  const tick = s.tick();
  expect((await s.t.control('GET', `/faults/${gate}/held`)).body).toEqual({ held: 1 });
  return {
    async release() {
      expect((await s.t.control('POST', `/faults/${gate}/release`)).status).toBe(204);
      return tick;
    },
  };
}

describe('pause, resume and cancel while sending', () => {
  it('claims nothing while paused, and resumes without sending anyone a second copy', async () => {
    const s = await scenario();
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(10));
    expect((await s.tick(3)).attempts).toHaveLength(3);
    expect((await s.agent.post(`/api/campaigns/${id}/pause`)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      s.t.clock.advance(60_000);
      expect((await s.tick()).attempts).toEqual([]);
    }
    expect((await jobsOf(s, id)).filter((job) => job.status === 'sending')).toEqual([]);
    expect((await s.agent.post(`/api/campaigns/${id}/resume`)).status).toBe(200);
    const resumed = await s.tick();
    expect(resumed.attempts.map((a) => a.result.status)).toEqual(Array(7).fill('sent'));
    expect(resumed.completed).toEqual([id]);
    const copies = await s.sentCopies([MAILBOX]);
    expect(copies.size).toBe(10);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
  });

  it('takes effect in the middle of a tick: the message in flight finishes, the next one is not claimed', async () => {
    const s = await scenario();
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(10));
    expect((await s.tick(2)).attempts).toHaveLength(2);
    // The user pauses while the third message is in flight, and the tick has room for all ten.
    const inFlight = await tickWithSendInFlight(s);
    expect((await s.agent.post(`/api/campaigns/${id}/pause`)).status).toBe(200);
    expect((await inFlight.release()).attempts.map((a) => a.result.status)).toEqual(['sent']);
    expect((await s.sentCopies([MAILBOX])).size).toBe(3);
    expect((await jobsOf(s, id)).filter((job) => job.status === 'queued')).toHaveLength(7);
  });

  it('cancels queued follow-ups with the campaign, including one queued by a message in flight at the moment of cancelling', async () => {
    const s = await scenario();
    const id = await s.launch(
      { subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN, followUps: [{ delayHours: 48, html: '<p>Again</p>', condition: 'always' }] },
      recipients(4),
    );
    expect((await s.tick(3)).attempts).toHaveLength(3);
    // The user cancels while the fourth message is in flight.
    const inFlight = await tickWithSendInFlight(s);
    expect((await s.agent.post(`/api/campaigns/${id}/cancel`)).status).toBe(200);
    expect((await inFlight.release()).attempts.map((a) => a.result.status)).toEqual(['sent']);

    const jobs = await jobsOf(s, id);
    expect(jobs.filter((job) => job.step === 0).map((job) => job.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    // Three follow-ups cancelled by the cancel itself; none queued by the message that was in flight.
    expect(jobs.filter((job) => job.step === 1).map((job) => job.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    s.t.clock.advance(49 * 3_600_000);
    expect((await s.tick()).attempts).toEqual([]);
    expect((await s.sentCopies([MAILBOX])).size).toBe(4);
    expect((await s.campaign(id)).status).toBe('cancelled');
  });
});
