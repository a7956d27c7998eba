-- Reminders (README, "Reminders") and the delivery state the outbox needs
-- to honour throttling and to recover from a crashed worker.

-- One row per planned reminder. job_key names the reminder exactly (cause,
-- record, occurrence, recipient, escalation step), so scheduling again with
-- the same key updates this row and its graphile job instead of adding one.
CREATE TABLE reminders (
  id             bigserial PRIMARY KEY,
  job_key        text NOT NULL UNIQUE,
  cause          text NOT NULL,
  cause_id       text NOT NULL,
  occurrence     text NOT NULL DEFAULT 'once',
  -- Readable recipient key ('user=…', 'hub-manager=…', 'dat-manager=…', 'channel=…').
  recipient      text NOT NULL,
  recipient_spec jsonb NOT NULL,
  due_at         timestamptz NOT NULL,
  status         text NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sent', 'resolved', 'snoozed', 'undeliverable')),
  escalation     integer NOT NULL DEFAULT 0,
  -- The case management reference only: never a name.
  case_ref       text,
  template       text NOT NULL,
  data           jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  sent_at        timestamptz,
  snooze_count   integer NOT NULL DEFAULT 0,
  resolved_at    timestamptz,
  resolved_by    text,
  outcome        text,
  outcome_detail jsonb
);
CREATE INDEX reminders_open_by_cause ON reminders (cause, cause_id) WHERE status IN ('pending', 'snoozed', 'sent');
CREATE INDEX reminders_open_by_recipient ON reminders (recipient, due_at) WHERE status IN ('pending', 'snoozed', 'sent');

-- Which notifications a reminder produced (a role reminder goes to every
-- manager of the hub or team), so "my reminders" and Done can find them.
ALTER TABLE notifications ADD COLUMN reminder_id bigint REFERENCES reminders (id) ON DELETE SET NULL;
-- Set just before a send and cleared with the "sent" mark: a row that still
-- has it after a crash is a send whose outcome we do not know.
ALTER TABLE notifications ADD COLUMN sending_since timestamptz;
-- Deliver no earlier than this (OutgoingNotification.notBefore).
ALTER TABLE notifications ADD COLUMN not_before timestamptz;
-- 'cancelled': the reminder's cause was resolved before the card went out.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
  CHECK (status IN ('pending', 'sent', 'undeliverable', 'dead', 'cancelled'));
CREATE INDEX notifications_dead ON notifications (status, id) WHERE status IN ('dead', 'undeliverable');
CREATE INDEX notifications_reminder ON notifications (reminder_id) WHERE reminder_id IS NOT NULL;

-- Per recipient: do not send before blocked_until (Retry-After, backoff).
CREATE TABLE delivery_backoff (
  recipient_key text PRIMARY KEY,
  blocked_until timestamptz NOT NULL,
  failures      integer NOT NULL DEFAULT 0,
  last_status   integer,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Each job runner's workers write a heartbeat; a worker that stops beating
-- (process killed) has its graphile locks released by the survivors instead
-- of waiting graphile-worker's four-hour expiry.
CREATE TABLE job_worker_heartbeats (
  worker_id text PRIMARY KEY,
  beat_at   timestamptz NOT NULL DEFAULT now()
);
