/**
 * When a campaign may send: its days and daily window in its own time zone, the pause between two
 * messages, and when the UI can expect it to finish. Pure functions; time and randomness are
 * passed in.
 */
export { isWithinWindow, nextWindowOpening, windowClosing } from './window';
export { pacedAccounts, planSends, type PacedAccount, type SendPlan, type SendPlanInput } from './send-plan';
export { PLAN_SLICE_SENDS, planSendsInSlices } from './send-plan-in-slices';
export { effectiveGap, randomGapMs, type GapSeconds, type ThrottleGap } from './gap';
export { OUTSIDE_RECIPIENT_HOURS, campaignMayClaim, recipientSchedule, recipientWindowOpening, recipientZone, zoneOfValue, type RecipientZone } from './recipient-zone';
