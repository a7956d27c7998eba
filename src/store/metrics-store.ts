// Owns the figures /metrics reads from the database: outbox depth and age,
// dead letters, and how late due reminders are.
import type { Queryable } from './db.js';

export interface OperationalSnapshot {
  pending: number;
  due: number;
  oldestDueSeconds: number;
  dead: number;
  remindersOverdue: number;
  reminderLagSeconds: number;
}

export async function operationalSnapshot(q: Queryable): Promise<OperationalSnapshot> {
  const r = await q.query<Record<keyof OperationalSnapshot, string | number | null>>(
    `WITH due AS (SELECT coalesce(not_before, created_at) AS ready FROM notifications WHERE status = 'pending' AND coalesce(not_before, created_at) <= now()),
          late AS (SELECT due_at FROM reminders WHERE status = 'pending' AND due_at <= now())
     SELECT (SELECT count(*) FROM notifications WHERE status = 'pending') AS pending,
            (SELECT count(*) FROM due) AS due,
            coalesce((SELECT extract(epoch FROM now() - min(ready)) FROM due), 0) AS "oldestDueSeconds",
            (SELECT count(*) FROM notifications WHERE status = 'dead') AS dead,
            (SELECT count(*) FROM late) AS "remindersOverdue",
            coalesce((SELECT extract(epoch FROM now() - min(due_at)) FROM late), 0) AS "reminderLagSeconds"`);
  const row = r.rows[0]!;
  return {
    pending: Number(row.pending), due: Number(row.due), oldestDueSeconds: Number(row.oldestDueSeconds),
    dead: Number(row.dead), remindersOverdue: Number(row.remindersOverdue), reminderLagSeconds: Number(row.reminderLagSeconds),
  };
}
