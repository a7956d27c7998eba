-- The notification outbox: a use case writes the notification in its own
-- transaction; a job delivers it. Nothing is lost if the app stops between.
CREATE TABLE notifications (
  id             bigserial PRIMARY KEY,
  created_at     timestamptz NOT NULL DEFAULT now(),
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('user', 'channel')),
  recipient_id   text NOT NULL,
  card_template  text NOT NULL,
  card_data      jsonb NOT NULL,
  summary        text NOT NULL,
  dedupe_key     text UNIQUE,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'undeliverable', 'dead')),
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text,
  sent_at        timestamptz,
  activity_id    text,
  conversation_id text
);
CREATE INDEX notifications_pending ON notifications (recipient_kind, recipient_id, id) WHERE status = 'pending';
