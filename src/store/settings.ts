// Small key/value settings the connector learns once (at setup) and reads at start.
import type { Queryable } from './db.js';

export async function readSetting<T>(q: Queryable, key: string): Promise<T | undefined> {
  const result = await q.query<{ value: T }>('SELECT value FROM settings WHERE key = $1', [key]);
  return result.rows[0]?.value;
}

export async function writeSetting(q: Queryable, key: string, value: unknown, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [key, JSON.stringify(value), now],
  );
}
