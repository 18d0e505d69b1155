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

function emailTaken() {
  return new ProblemError('conflict', {
    detail: 'An account with this email already exists. Sign in instead.',
    errors: [{ field: 'email', message: 'This email is already registered' }],
  });
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? error);
  return text.includes('UNIQUE constraint failed');
}
