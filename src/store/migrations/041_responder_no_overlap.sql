-- A lead responder cannot be booked for two joint visits at overlapping times
-- (issue 12). Enforced here, like the weekly cap (005): a constraint trigger
-- takes a transaction lock on the practitioner, then looks for another open
-- visit of theirs overlapping this one. Two bookings for the same slot at
-- once queue on that lock; the second sees the first once it commits and is
-- refused, whatever app instance either came from. A visit lasts
-- VISIT_DURATION_MINUTES (src/domain/booking/schema.ts): 60 minutes.
CREATE FUNCTION booking_visit_span(visit_at timestamptz) RETURNS tstzrange LANGUAGE sql IMMUTABLE AS $$
  SELECT tstzrange(visit_at, visit_at + interval '60 minutes', '[)')
$$;

CREATE INDEX bookings_open_by_assignee ON bookings (assignee_aad, visit_at) WHERE booking_is_open(status);

CREATE FUNCTION bookings_enforce_responder_free() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT booking_is_open(NEW.status) THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND booking_is_open(OLD.status) AND OLD.assignee_aad = NEW.assignee_aad AND OLD.visit_at = NEW.visit_at THEN
    RETURN NULL; -- already checked at this time for this practitioner
  END IF;
  -- Arbitrary fixed namespace (727041) and the practitioner: bookings for other people never wait.
  PERFORM pg_advisory_xact_lock(727041, hashtext(NEW.assignee_aad));
  IF EXISTS (
    SELECT 1 FROM bookings
     WHERE id <> NEW.id AND assignee_aad = NEW.assignee_aad AND booking_is_open(status)
       AND booking_visit_span(visit_at) && booking_visit_span(NEW.visit_at)
  ) THEN
    RAISE EXCEPTION 'practitioner % already has an open visit overlapping %', NEW.assignee_aad, NEW.visit_at
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'bookings_responder_no_overlap';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER bookings_responder_no_overlap AFTER INSERT OR UPDATE OF status, assignee_aad, visit_at ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_enforce_responder_free();
