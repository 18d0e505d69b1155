import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as schema from './schema';

/** The database every feature takes as a dependency: libsql through drizzle, on any runtime. */
export type Database = LibSQLDatabase<typeof schema>;
