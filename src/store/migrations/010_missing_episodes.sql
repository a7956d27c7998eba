-- Missing episodes recorded on a Targeted Support case (Plymouth Early Help and
-- Targeted Support offer, 7: a Return Home Interview within 72 hours of the
-- young person being found). When they were found, and when the interview was
-- held. No names or free text: the case reference lives on the request.
CREATE TABLE missing_episodes (
  id                    uuid PRIMARY KEY,
  -- Carried in the card: a double click or a Teams resend records one episode.
  idempotency_key       text NOT NULL UNIQUE,
  request_id            uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  found_at              timestamptz NOT NULL,
  recorded_by           text NOT NULL,
  recorded_at           timestamptz NOT NULL,
  interview_held_on     date,
  interview_recorded_by text,
  interview_recorded_at timestamptz,
  CHECK ((interview_held_on IS NULL) = (interview_recorded_by IS NULL))
);
CREATE INDEX missing_episodes_request ON missing_episodes (request_id, found_at);
