-- Foundation: bot state, conversation references, activity de-duplication, audit.

CREATE TABLE bot_state (
  key        text PRIMARY KEY,
  doc        jsonb NOT NULL,
  etag       bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Where to reach a user proactively: stored from each turn and from installationUpdate.
CREATE TABLE conversation_refs (
  aad_object_id text PRIMARY KEY,
  reference     jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Where to post hub-wide cards: a hub's Teams channel.
CREATE TABLE channel_refs (
  hub_id     text PRIMARY KEY,
  reference  jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Teams resends an activity it got no answer for within ~15 s; one id, one effect.
CREATE TABLE processed_activities (
  activity_key text PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  outcome     text NOT NULL DEFAULT 'ok',
  record_type text,
  record_id   text,
  case_ref    text,
  before      jsonb,
  after       jsonb,
  detail      jsonb
);
CREATE INDEX audit_log_case_ref ON audit_log (case_ref) WHERE case_ref IS NOT NULL;
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);

-- Audit rows are append-only for the app. The retention purge and erasure
-- jobs set rr.audit_maintenance in their own transaction to pass.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('rr.audit_maintenance', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
