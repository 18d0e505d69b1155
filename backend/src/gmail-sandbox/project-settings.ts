import type { Client } from '@libsql/client';
import { DEFAULT_QUOTA_UNITS_PER_PROJECT_MINUTE } from './quota-units';

/** Settings of the emulated Google Cloud project (not of one mailbox), kept in `sandbox_settings`. */
export type ProjectSettings = { quotaUnitsPerMinute: number };

const QUOTA_KEY = 'quota_units_per_project_minute';

export function createProjectSettings(db: Client) {
  return {
    async get(): Promise<ProjectSettings> {
      const { rows } = await db.execute({ sql: 'SELECT value FROM sandbox_settings WHERE key = ?', args: [QUOTA_KEY] });
      return { quotaUnitsPerMinute: rows[0] ? Number(rows[0].value) : DEFAULT_QUOTA_UNITS_PER_PROJECT_MINUTE };
    },
    async set(settings: Partial<ProjectSettings>): Promise<void> {
      if (settings.quotaUnitsPerMinute === undefined) return;
      await db.execute({
        sql: 'INSERT INTO sandbox_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        args: [QUOTA_KEY, String(settings.quotaUnitsPerMinute)],
      });
    },
  };
}

export type ProjectSettingsStore = ReturnType<typeof createProjectSettings>;
