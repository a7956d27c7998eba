-- Privacy (issue 8): what the nightly retention purge and the erasure of a
-- family need. Record types are purged by age (config/retention.json); these
-- indexes keep those scans off the whole table.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX checks_status_updated ON checks (status, updated_at);
CREATE INDEX notifications_finished_created ON notifications (created_at) WHERE status <> 'pending';
CREATE INDEX processed_activities_received ON processed_activities (received_at);
CREATE INDEX bot_state_updated ON bot_state (updated_at);

-- TRUNCATE fires no row triggers, so migration 001's append-only rule did not
-- cover it: it now passes the same check (rr.audit_maintenance, set only by the
-- retention purge and erasure in their own transactions).
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
