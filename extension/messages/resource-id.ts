/**
 * An id as the API mints them (`cmp_…`, base64url). Plain, without zod, so the side panel can check
 * an id without loading the schema library (its JavaScript budget, issue 14); `resourceIdSchema` in
 * campaigns.ts validates with it.
 */
export const RESOURCE_ID_PATTERN = /^[a-z]{2,5}_[A-Za-z0-9_-]{1,64}$/;
