import { DEFAULT_RETENTION } from '../../../shared/schemas/settings';
import { eq } from 'drizzle-orm';
import type { User } from '../../../shared/schemas/auth';
import type { AppDeps } from '../deps';
import { users } from '../db/schema';
import { newId } from '../lib/random';
import { ProblemError } from '../http/problem';
import { hashPassword } from './password';

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, createdAt: row.createdAt.toISOString() };
}

export async function findUserByEmail(deps: Pick<AppDeps, 'db'>, email: string): Promise<UserRow | undefined> {
  const [row] = await deps.db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function findUserById(deps: Pick<AppDeps, 'db'>, id: string): Promise<UserRow | undefined> {
  const [row] = await deps.db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** 409 when the address is taken, including when a parallel sign-up wins the race to the unique index. */
export async function createUser(deps: Pick<AppDeps, 'db' | 'clock'>, email: string, password: string): Promise<UserRow> {
  if (await findUserByEmail(deps, email)) throw emailTaken();
  const now = deps.clock.now();
  const row: UserRow = {
    id: newId('usr'),
    email: email.toLowerCase(),
    passwordHash: await hashPassword(password),
    createdAt: now,
    passwordChangedAt: now,
    truncateIpAddresses: false,
    trackingEventsDays: DEFAULT_RETENTION.trackingEventsDays,
    ipAddressDays: DEFAULT_RETENTION.ipAddressDays,
    finishedCampaignRecipientsDays: DEFAULT_RETENTION.finishedCampaignRecipientsDays,
    postalAddress: null,
  };
  try {
    await deps.db.insert(users).values(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return row;
}

export async function setPassword(deps: Pick<AppDeps, 'db' | 'clock'>, userId: string, password: string): Promise<void> {
  await deps.db
    .update(users)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: deps.clock.now() })
    .where(eq(users.id, userId));
}

/** Corrects the user's sign-in address; 409 when another account has it (also when a parallel change wins the race). */
export async function setEmail(deps: Pick<AppDeps, 'db'>, userId: string, email: string): Promise<void> {
  const address = email.toLowerCase();
  const owner = await findUserByEmail(deps, address);
  const taken = 'Another account uses this email address; your address was not changed.';
  if (owner !== undefined && owner.id !== userId) throw emailTaken(taken);
  try {
    await deps.db.update(users).set({ email: address }).where(eq(users.id, userId));
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(taken);
    throw error;
  }
}

function emailTaken(detail = 'An account with this email already exists. Sign in instead.') {
  return new ProblemError('conflict', {
    detail,
    errors: [{ field: 'email', message: 'This email is already registered' }],
  });
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? error);
  return text.includes('UNIQUE constraint failed');
}
