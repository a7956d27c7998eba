-- OSR joint-visit booking (Barnet One Service Response protocol, 2.3–4.4): DAT duty weeks, each hub's
-- week (lead responder, cover, cap) and the bookings themselves.
--
-- Capacity is enforced here, not only in the app: a constraint trigger locks
-- the hub-week row and counts the place-holding bookings every time a booking
-- starts to hold a place. Two transactions booking the same hub-week are
-- serialised on that row lock, whatever app instance they come from, so the
-- cap holds even for a writer that forgets to take the lock itself. (It relies
-- on READ COMMITTED, PostgreSQL's and the app's isolation level: the count
-- after the lock sees every booking committed before it.)

CREATE TABLE dat_duty_weeks (
  dat_team_id text NOT NULL,
  duty_week   text NOT NULL CHECK (duty_week ~ '^[0-9]{4}-W[0-9]{2}$'),
  -- Always the week after the duty week (Barnet One Service Response protocol, 2.3); stored to query by it.
  osr_week    text NOT NULL CHECK (osr_week ~ '^[0-9]{4}-W[0-9]{2}$'),
  set_by      text NOT NULL,
  set_at      timestamptz NOT NULL,
  PRIMARY KEY (dat_team_id, duty_week)
);
CREATE INDEX dat_duty_weeks_by_osr_week ON dat_duty_weeks (osr_week);

CREATE TABLE hub_weeks (
  hub_id       text NOT NULL,
  week_id      text NOT NULL CHECK (week_id ~ '^[0-9]{4}-W[0-9]{2}$'),
  lead_aad     text,
  cover_aad    text,
  -- Set by the hub manager for this week; NULL means the hub's configured cap.
  cap_override integer CHECK (cap_override BETWEEN 0 AND 50),
  -- The hub's configured cap (directory weeklyCap), refreshed whenever a booking locks the row.
  default_cap  integer NOT NULL CHECK (default_cap BETWEEN 0 AND 50),
  updated_by   text,
  updated_at   timestamptz,
  PRIMARY KEY (hub_id, week_id),
  CHECK (cover_aad IS NULL OR lead_aad IS NULL OR cover_aad <> lead_aad)
);

CREATE TABLE bookings (
  id                    uuid PRIMARY KEY,
  -- Carried in the booking card: a double click or a Teams resend makes one booking.
  idempotency_key       text NOT NULL UNIQUE,
  hub_id                text NOT NULL,
  week_id               text NOT NULL,
  dat_team_id           text NOT NULL,
  social_worker_aad     text NOT NULL,
  -- The week's lead responder when booked; assignee_aad changes when the hub manager reassigns.
  lead_responder_aad    text NOT NULL,
  assignee_aad          text NOT NULL,
  visit_type            text NOT NULL CHECK (visit_type IN ('home-visit', 'virtual-visit', 'consultation')),
  visit_at              timestamptz NOT NULL,
  -- The practitioner's proposed other time, while status = 'time-proposed'.
  counter_at            timestamptz,
  case_ref              text NOT NULL,
  check_id              uuid,
  purpose               text NOT NULL,
  risks                 text NOT NULL,
  status                text NOT NULL CHECK (status IN ('requested', 'accepted', 'time-proposed', 'declined', 'reassign-requested', 'cancelled', 'completed')),
  reassign_reason       text CHECK (reassign_reason IN ('gender', 'specialism', 'workload', 'leave')),
  -- The last decline, reassign or cancel reason, as typed (shown to the people on the booking only).
  status_note           text,
  cancelled_by          text,
  awaiting_answer_since timestamptz,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  accepted_at           timestamptz,
  follow_up_sent_at     timestamptz,
  FOREIGN KEY (hub_id, week_id) REFERENCES hub_weeks (hub_id, week_id),
  CHECK (status <> 'time-proposed' OR counter_at IS NOT NULL)
);
CREATE INDEX bookings_holding_places ON bookings (hub_id, week_id)
  WHERE status IN ('requested', 'accepted', 'time-proposed', 'reassign-requested', 'completed');
CREATE INDEX bookings_by_social_worker ON bookings (social_worker_aad, visit_at DESC);
CREATE INDEX bookings_by_assignee ON bookings (assignee_aad, visit_at DESC);
CREATE INDEX bookings_by_case_ref ON bookings (case_ref);

-- A declined or cancelled booking releases its place; every other status holds one
-- (a completed visit still counts: the cap is visits per hub per week).
CREATE FUNCTION booking_holds_place(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('requested', 'accepted', 'time-proposed', 'reassign-requested', 'completed')
$$;

CREATE FUNCTION bookings_enforce_hub_week_cap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  week_cap integer;
  taken    integer;
BEGIN
  IF NOT booking_holds_place(NEW.status) THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND booking_holds_place(OLD.status) AND OLD.hub_id = NEW.hub_id AND OLD.week_id = NEW.week_id THEN
    RETURN NULL; -- already held its place in this hub-week
  END IF;
  -- NO KEY UPDATE: conflicts with itself, with the app's upsert and with cap
  -- changes, but not with the KEY SHARE lock the foreign key check takes, so
  -- concurrent inserts queue here instead of deadlocking.
  SELECT coalesce(cap_override, default_cap) INTO week_cap
    FROM hub_weeks WHERE hub_id = NEW.hub_id AND week_id = NEW.week_id FOR NO KEY UPDATE;
  SELECT count(*) INTO taken FROM bookings
    WHERE hub_id = NEW.hub_id AND week_id = NEW.week_id AND booking_holds_place(status);
  IF taken > week_cap THEN
    RAISE EXCEPTION 'OSR hub-week %/% is full: % bookings for a cap of %', NEW.hub_id, NEW.week_id, taken, week_cap
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bookings_hub_week_cap';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER bookings_hub_week_cap AFTER INSERT OR UPDATE OF status, hub_id, week_id ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_enforce_hub_week_cap();

-- A manager lowering the cap below what is already booked is refused (the app
-- lists the bookings first; this is the backstop). A change of the configured
-- default is the administrator's decision and only stops new bookings.
CREATE FUNCTION hub_weeks_cap_not_below_booked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  taken integer;
BEGIN
  IF NEW.cap_override IS NULL OR NEW.cap_override IS NOT DISTINCT FROM OLD.cap_override THEN RETURN NULL; END IF;
  SELECT count(*) INTO taken FROM bookings
    WHERE hub_id = NEW.hub_id AND week_id = NEW.week_id AND booking_holds_place(status);
  IF taken > NEW.cap_override THEN
    RAISE EXCEPTION 'OSR hub-week %/% has % bookings; the cap cannot be %', NEW.hub_id, NEW.week_id, taken, NEW.cap_override
      USING ERRCODE = 'check_violation', CONSTRAINT = 'hub_weeks_cap_not_below_booked';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER hub_weeks_cap_not_below_booked AFTER UPDATE OF cap_override ON hub_weeks
  FOR EACH ROW EXECUTE FUNCTION hub_weeks_cap_not_below_booked();

-- The key that signs calendar (.ics) links, made on first use and shared by every app instance.
CREATE TABLE calendar_link_keys (
  id     smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  secret text NOT NULL
);
