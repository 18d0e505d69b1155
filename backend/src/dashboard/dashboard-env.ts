import type { User } from '../../../shared/schemas/auth';

/** Context variables of dashboard routes behind `requireUser`. */
export type SignedInEnv = {
  Variables: { user: User; sessionId: string };
};

/** Any dashboard route: the user is there only when a signed-in middleware ran before. */
export type DashboardEnv = {
  Variables: { user?: User; sessionId?: string };
};
