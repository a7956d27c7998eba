-- Which messages show a record (a request's hub card, a booking's card), so a
-- change to the record redraws every copy of its card in place. Written when
-- the outbox delivers such a card; read by the redraw job and by a card's
-- refresh. The conversation and message ids are Teams's, not family data.
CREATE TABLE record_cards (
  id              bigserial PRIMARY KEY,
  record_type     text NOT NULL CHECK (record_type IN ('request', 'booking')),
  record_id       uuid NOT NULL,
  template        text NOT NULL,
  recipient_kind  text NOT NULL CHECK (recipient_kind IN ('user', 'channel')),
  recipient_id    text NOT NULL,
  conversation_id text NOT NULL,
  activity_id     text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  redrawn_at      timestamptz,
  UNIQUE (conversation_id, activity_id)
);
CREATE INDEX record_cards_record ON record_cards (record_type, record_id);
