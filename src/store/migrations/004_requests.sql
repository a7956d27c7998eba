-- 0–19 requests (the request form and its statuses: docs/ENGINE.md): the draft as typed, section by section, and
-- once submitted its routing, priority, allocation, tasks and ending. Family
-- details live only in `form`; the other columns are ids, codes and dates so
-- queues, exports and reminders never need to read names.
CREATE TABLE requests (
  id                         uuid PRIMARY KEY,
  -- Carried in the form's cards: a double click or a Teams resend of a submit finds the same row.
  idempotency_key            text NOT NULL UNIQUE,
  referrer_aad               text NOT NULL,
  hub_id                     text,
  status                     text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'allocated', 'started', 'in-review', 'closed', 'declined', 'withdrawn')),
  -- The section a resumed draft opens at.
  step                       text NOT NULL DEFAULT 'family',
  case_ref                   text,
  level                      smallint CHECK (level BETWEEN 1 AND 4),
  -- Priority in the hub queue: level, then this count of vulnerability factors, then age of request.
  vulnerability              smallint NOT NULL DEFAULT 0,
  vulnerability_factors      text[] NOT NULL DEFAULT '{}',
  intervention               text,
  age_range                  text,
  form                       jsonb NOT NULL DEFAULT '{"sections": {}}'::jsonb,
  source_check_id            uuid,
  -- text: the bookings table (migration 005) is another feature's; its id type is not ours to assume.
  source_booking_id          text,
  suggested_practitioner_aad text,
  allocated_to               text,
  allocated_by               text,
  allocated_at               timestamptz,
  start_date                 date,
  decline_reason             text,
  decline_alternatives       text,
  end_reason                 text,
  end_note                   text,
  cc_registration            text CHECK (cc_registration IN ('registered', 'encouraged', 'not-applicable')),
  cc_registration_by         text,
  cc_registration_at         timestamptz,
  partner_involvement        text CHECK (partner_involvement IN ('confirmed', 'none')),
  partner_involvement_by     text,
  partner_involvement_at     timestamptz,
  created_at                 timestamptz NOT NULL,
  updated_at                 timestamptz NOT NULL,
  submitted_at               timestamptz,
  ended_at                   timestamptz,
  CHECK (status = 'draft' OR (submitted_at IS NOT NULL AND hub_id IS NOT NULL AND case_ref IS NOT NULL AND level IS NOT NULL)),
  CHECK (status <> 'declined' OR (decline_reason IS NOT NULL AND decline_alternatives IS NOT NULL))
);
CREATE INDEX requests_referrer ON requests (referrer_aad, updated_at DESC);
CREATE INDEX requests_hub_status ON requests (hub_id, status);
CREATE INDEX requests_allocated_to ON requests (allocated_to, status) WHERE allocated_to IS NOT NULL;
CREATE INDEX requests_case_ref ON requests (case_ref) WHERE case_ref IS NOT NULL;
CREATE INDEX requests_source_booking ON requests (source_booking_id) WHERE source_booking_id IS NOT NULL;
-- Starting twice from the same check or booking resumes the one draft instead of making another.
CREATE UNIQUE INDEX requests_one_draft_per_check ON requests (referrer_aad, source_check_id) WHERE status = 'draft' AND source_check_id IS NOT NULL;
CREATE UNIQUE INDEX requests_one_draft_per_booking ON requests (referrer_aad, source_booking_id) WHERE status = 'draft' AND source_booking_id IS NOT NULL;

-- Every status change with who and when (docs/ENGINE.md); the referrer's "my requests" reads it.
CREATE TABLE request_status_history (
  id          bigserial PRIMARY KEY,
  request_id  uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  from_status text,
  to_status   text NOT NULL,
  actor       text NOT NULL,
  at          timestamptz NOT NULL,
  note        text
);
CREATE INDEX request_status_history_request ON request_status_history (request_id, id);
