-- Which turn or job wrote each outbox row (src/log/request-context.ts), so a
-- card that went astray can be followed back to the press that caused it.
ALTER TABLE notifications ADD COLUMN correlation_id text;
