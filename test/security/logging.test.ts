// The logger itself: values under personal-data keys are redacted wherever
// they sit, and errors that quote the data behind them (PostgreSQL row values,
// zod's received values) are logged by code, path and stack frames only.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/log/logger.js';
import { createPool, type Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createTestDatabase } from '../support/database.js';

const NAME = 'Zephyrina Quillfeather';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString('utf8')); cb(); } });
  return { log: createLogger('trace', sink), text: () => lines.join('') };
}

let db: Db;
beforeAll(async () => {
  db = createPool(await createTestDatabase(), createLogger('silent'), { max: 2 });
  await migrate(db, createLogger('silent'));
});
afterAll(async () => { await db?.end(); });

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err);

describe('the logger', () => {
  it('redacts personal-data keys at any depth, in arrays too, and keeps the rest', () => {
    const { log, text } = capture();
    // Twelve levels down, well past any fixed list of redaction paths.
    let deep: Record<string, unknown> = { note: 'UNIQUE-NOTE-DEEP', caseRef: 'LCS-DEEP' };
    for (let i = 0; i < 12; i++) deep = { [`level${i}`]: deep };
    log.info({
      child: { name: NAME, dob: '2019-02-28' }, postcode: 'N11 1ZZ', a: { b: { note: 'UNIQUE-NOTE-7731' } }, reason: 'x', caseRef: 'LCS-1',
      carers: [{ name: 'Quillfeather Senior', phone: '07700 900111' }], deep,
    }, 'something happened');
    expect(text()).not.toMatch(/Zephyrina|Quillfeather|2019-02-28|N11 1ZZ|UNIQUE-NOTE|07700 900111/);
    expect(text()).toContain('LCS-1');
    expect(text()).toContain('LCS-DEEP');
  });

  it('logs a PostgreSQL error by its code, not the values it quotes', async () => {
    const { log, text } = capture();
    const badInput = await failure(db.query('SELECT $1::uuid', [NAME]));
    const failingRow = await failure(db.query(`INSERT INTO checks (id, owner_aad, status, step, answers) VALUES (gen_random_uuid(), $1, 'in-progress', 'family', '{}')`, [NAME]));
    expect(String((badInput as Error).message)).toContain(NAME); // what PostgreSQL says…
    expect(JSON.stringify(failingRow)).toContain(NAME);
    log.error({ err: badInput }, 'query failed');
    log.error({ err: failingRow }, 'insert failed');
    expect(text()).not.toContain('Zephyrina'); // …is not what we log
    expect(text()).toContain('"code":"22P02"');
    expect(text()).toContain('"code":"23502"');
    expect(text()).toContain('"column":"created_at"');
  });

  it('logs a zod error by issue code and path, not the value received', () => {
    const { log, text } = capture();
    const parsed = z.object({ area: z.enum(['barnet']) }).safeParse({ area: NAME });
    expect(parsed.success).toBe(false);
    log.error({ err: parsed.error }, 'bad input');
    expect(text()).not.toContain('Zephyrina');
    expect(text()).toContain('"path":"area"');
  });

  it('keeps the message of an ordinary error', () => {
    const { log, text } = capture();
    log.error({ err: new Error('connector answered 503') }, 'send failed');
    expect(text()).toContain('connector answered 503');
  });
});
