import type { User } from '../../shared/schemas/auth';

/** How the current request proved who it is. */
export type Authentication =
  | { kind: 'session'; sessionId: string }
  | { kind: 'token'; tokenId: string };

/** Hono's typed context for routes behind `authenticate`. */
export type AuthedEnv = {
  Variables: {
    user: User;
    authentication: Authentication;
  };
};
