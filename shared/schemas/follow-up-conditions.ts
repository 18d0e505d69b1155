/**
 * When a follow-up goes: only if the recipient has not replied, not opened, not clicked, or always.
 * A plain list without zod so the side panel's first screen can offer it without loading the schema
 * library (its JavaScript budget, issue 14); `followUpSchema` in campaigns.ts validates against it.
 */
export const FOLLOW_UP_CONDITIONS = ['no_reply', 'no_open', 'no_click', 'always'] as const;
export type FollowUpCondition = (typeof FOLLOW_UP_CONDITIONS)[number];
