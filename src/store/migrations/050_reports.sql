-- Reports (issue 15): what the Barnet One Service Response protocol, 5 measures need recorded, and the
-- monthly report card's send log.

-- Step-down continuity: the continuing request points at the one it continues.
-- The cases feature adds the same column (migration 04x); IF NOT EXISTS keeps
-- both branches applying cleanly whichever merges first.
ALTER TABLE requests ADD COLUMN IF NOT EXISTS continued_from_request_id uuid REFERENCES requests (id);

-- Family feedback (Barnet One Service Response protocol, 5.3), recorded with the family at a review or at
-- closure. Family data: the comment is the family's words. Scores are 1–5.
CREATE TABLE family_feedback (
  id              uuid PRIMARY KEY,
  -- Carried in the feedback card: a double click or a Teams resend records once.
  idempotency_key text NOT NULL UNIQUE,
  request_id      uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  case_ref        text NOT NULL,
  hub_id          text NOT NULL,
  moment          text NOT NULL CHECK (moment IN ('review', 'closure')),
  given_by        text NOT NULL CHECK (given_by IN ('child', 'parent', 'carer')),
  listened        smallint NOT NULL CHECK (listened BETWEEN 1 AND 5),
  helped          smallint NOT NULL CHECK (helped BETWEEN 1 AND 5),
  easy_to_reach   smallint NOT NULL CHECK (easy_to_reach BETWEEN 1 AND 5),
  comment         text NOT NULL DEFAULT '',
  recorded_by     text NOT NULL,
  recorded_at     timestamptz NOT NULL
);
CREATE INDEX family_feedback_request ON family_feedback (request_id);
CREATE INDEX family_feedback_hub_at ON family_feedback (hub_id, recorded_at);

-- Report queries read requests by when they were submitted and ended.
CREATE INDEX requests_submitted_at ON requests (submitted_at) WHERE submitted_at IS NOT NULL;
CREATE INDEX requests_ended_at ON requests (ended_at) WHERE ended_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS requests_continued_from ON requests (continued_from_request_id) WHERE continued_from_request_id IS NOT NULL;

-- One monthly report card per manager per month, whatever runs the job twice.
CREATE TABLE monthly_report_sends (
  month         text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  recipient_aad text NOT NULL,
  sent_at       timestamptz NOT NULL,
  PRIMARY KEY (month, recipient_aad)
);
