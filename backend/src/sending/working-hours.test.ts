import { afterEach, describe, expect, it } from 'vitest';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function newYork(at: Date) {
  const parts = Object.fromEntries(local.formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: parts.weekday!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

describe('working hours across a DST change', () => {
  it('sends only 09:00–17:00 New York time on weekdays, through the March 2026 change, continuing the next working day', async () => {
    const s = await sendingScenario({ accounts: ['sender@work.example'] });
    scenarios.push(s);
    // One message every 30 minutes: 16 in a full window, so 30 recipients need three working days.
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 1800, maxGapSeconds: 1800 });
    // Friday 6 March 2026, 14:00 EST; US DST starts Sunday 8 March (02:00 EST → 03:00 EDT).
    s.t.clock.set('2026-03-06T19:00:00Z');
    const id = await s.launch(
      { subject: 'Hi', html: '<p>Hi</p>', schedule: { timezone: 'America/New_York', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } } },
      Array.from({ length: 30 }, (_, i) => ({ email: `person${i}@example.com` })),
    );
    const sentAt: Date[] = [];
    for (let tick = 0; tick < 6 * 288 && sentAt.length < 30; tick++) {
      const report = await s.tick();
      for (const attempt of report.attempts) if (attempt.result.status === 'sent') sentAt.push(s.t.clock.now());
      s.t.clock.advance(5 * 60_000);
    }
    expect(sentAt).toHaveLength(30);
    for (const at of sentAt) {
      const { weekday, minutes } = newYork(at);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], at.toISOString()).toContain(weekday);
      expect(minutes, at.toISOString()).toBeGreaterThanOrEqual(9 * 60);
      expect(minutes, at.toISOString()).toBeLessThan(17 * 60);
    }
    const byDay = (prefix: string) => sentAt.filter((at) => at.toISOString().startsWith(prefix));
    // Friday until the window closed at 17:00 EST (22:00Z), nothing over the weekend.
    expect(byDay('2026-03-06').length).toBe(6);
    expect(byDay('2026-03-07').length + byDay('2026-03-08').length).toBe(0);
    // Monday opens at 09:00 EDT, which is now 13:00Z (it was 14:00Z the week before).
    expect(byDay('2026-03-09')[0]!.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(byDay('2026-03-09').length).toBe(16);
    expect(byDay('2026-03-10')[0]!.toISOString()).toBe('2026-03-10T13:00:00.000Z');
    expect((await s.campaign(id)).counts.sent).toBe(30);
  });
});
