-- Threshold checks: the guided flow's draft (answers so far, current step)
-- and, once finished, the inputs, the engine's result and any override.
CREATE TABLE checks (
  id              uuid PRIMARY KEY,
  owner_aad       text NOT NULL,
  status          text NOT NULL CHECK (status IN ('in-progress', 'completed', 'cancelled')),
  step            text NOT NULL,
  -- Bumped on every change: a card carries the version it was drawn from, so a stale card is recognised.
  version         integer NOT NULL DEFAULT 1,
  answers         jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- The last applied submit (step and the version it came from): a second click on the same card is ignored.
  last_submit     text,
  result          jsonb,
  level           smallint,
  override_level  smallint,
  override_reason text,
  case_ref        text,
  area            text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  completed_at    timestamptz
);
CREATE INDEX checks_owner ON checks (owner_aad, updated_at DESC);
CREATE INDEX checks_case_ref ON checks (case_ref) WHERE case_ref IS NOT NULL;
