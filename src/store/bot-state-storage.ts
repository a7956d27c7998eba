// Owns the botbuilder Storage port on PostgreSQL so Teams AI conversation and
// user state survive restarts. eTags give optimistic concurrency: a write
// carrying a stale eTag is rejected, '*' or none means last write wins.
import type { Db } from './db.js';

/** botbuilder's StoreItems, by shape: src/store imports no Teams library (main.ts hands this class to Teams AI as its Storage). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- botbuilder's own definition: state documents are any JSON
type StoreItems = Record<string, any>;

export class ETagConflictError extends Error {
  readonly code = 'STATE_ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

export class PostgresStorage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const r = await this.db.query<{ key: string; doc: Record<string, unknown>; etag: string }>(
      'SELECT key, doc, etag FROM bot_state WHERE key = ANY($1)', [keys]);
    const items: StoreItems = {};
    for (const row of r.rows) items[row.key] = { ...row.doc, eTag: String(row.etag) };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...doc } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const json = JSON.stringify(doc);
      if (eTag === undefined || eTag === '*') {
        await this.db.query(
          `INSERT INTO bot_state (key, doc) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, etag = bot_state.etag + 1, updated_at = now()`,
          [key, json]);
        continue;
      }
      const updated = await this.db.query(
        'UPDATE bot_state SET doc = $2, etag = etag + 1, updated_at = now() WHERE key = $1 AND etag::text = $3',
        [key, json, eTag]);
      if (updated.rowCount === 1) continue;
      // No row with that eTag: either the row is new (first write) or someone else wrote first.
      const inserted = await this.db.query(
        'INSERT INTO bot_state (key, doc) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, json]);
      if (inserted.rowCount !== 1) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.db.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }
}
