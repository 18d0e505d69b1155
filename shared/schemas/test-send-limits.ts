/**
 * At most this many addresses get one test message (`POST /api/campaigns/:id/test`). Without zod so
 * the side panel can say it without loading the schema library; launch.ts's schema enforces it.
 */
export const TEST_SEND_MAX_TO = 5;
