/* The A/B limits, from the zod-free shared file (the panel's JavaScript budget keeps zod out). */
export { AB_METRICS, AB_TEST_PERCENT, AB_WAIT_HOURS, MAX_VARIANTS, MIN_DECISION_EVENTS, variantLetter } from '../../../../shared/schemas/variant-limits';
