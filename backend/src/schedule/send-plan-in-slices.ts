import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { sendPlanSteps, type SendPlan, type SendPlanInput } from './send-plan';

/**
 * Simulated sends between two pauses: a fraction of a ms each (~0.35 µs a send), so many plans
 * (one per time zone, preflight-zones.ts) still leave the loop free every few ms.
 */
export const PLAN_SLICE_SENDS = 2_000;

/**
 * `planSends`'s answer (send-plan.ts), simulated a slice of sends at a time with a pause between: the finish
 * estimate over 100,000 messages held the event loop for ~35–50 ms, once in the launch's preflight and
 * again in the progress it answers with (issue 17). For the async callers (preflight-timing.ts,
 * progress.ts); `planSends` stays synchronous for the rest. The same plan as `planSends` (a test
 * checks it on random inputs).
 *
 * @example const plan = await planSendsInSlices({ schedule, now, firstMessages: 100_000, followUpDelayHours: [], accounts });
 */
export async function planSendsInSlices(input: SendPlanInput, pause: () => Promise<void> = yieldToEventLoop): Promise<SendPlan | null> {
  const steps = sendPlanSteps(input, PLAN_SLICE_SENDS);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
