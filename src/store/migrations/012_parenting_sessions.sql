-- Parenting sessions and the review after them, on a request whose agreed work
-- is a parenting programme (Barnet One Service Response protocol, 4.2: 6
-- sessions, then a review; up to a further 6 weeks when issues are complex).
CREATE TABLE parenting_sessions (
  request_id      uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  session_number  smallint NOT NULL CHECK (session_number >= 1),
  held_on         date NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  recorded_by     text NOT NULL,
  recorded_at     timestamptz NOT NULL,
  PRIMARY KEY (request_id, session_number)
);

-- One review per request: a second attempt finds it already recorded.
CREATE TABLE parenting_reviews (
  request_id     uuid PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
  held_on        date NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('extend', 'end')),
  extended_until date,
  -- Why the issues are complex enough for a further period (required to extend).
  reason         text,
  recorded_by    text NOT NULL,
  recorded_at    timestamptz NOT NULL,
  CHECK ((outcome = 'extend') = (extended_until IS NOT NULL AND reason IS NOT NULL))
);
