-- The case: one family's thread, identified by its reference in the council's
-- case system within an area (issue 12). Checks, requests and bookings that
-- carry the reference belong to it through case_id, set by the triggers below
-- on every write, so no writer can forget to link a record.
--
-- A request's or booking's area is its hub's, and which area a hub is in is
-- configuration (the directory), not data: hub_areas is a copy the app writes
-- at every start (src/app/cases/link-cases.ts), in the same transaction as
-- link_records_to_cases(), which links every record written before the copy
-- existed (a database made by the previous version included).

CREATE TABLE hub_areas (
  hub_id  text PRIMARY KEY,
  area_id text NOT NULL
);

CREATE TABLE cases (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_id    text NOT NULL,
  -- As first typed (e.g. "LCS-204518"); ref_key compares "lcs 204518" equal to it.
  case_ref   text NOT NULL,
  ref_key    text GENERATED ALWAYS AS (regexp_replace(upper(case_ref), '[^A-Z0-9]', '', 'g')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, ref_key)
);
CREATE INDEX cases_ref_key ON cases (ref_key);

-- SET NULL: erasing a case never fails on a record spelt differently; that record is linked again at the next start.
ALTER TABLE checks ADD COLUMN case_id uuid REFERENCES cases (id) ON DELETE SET NULL;
ALTER TABLE requests ADD COLUMN case_id uuid REFERENCES cases (id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN case_id uuid REFERENCES cases (id) ON DELETE SET NULL;
CREATE INDEX checks_case ON checks (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX requests_case ON requests (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX bookings_case ON bookings (case_id) WHERE case_id IS NOT NULL;

-- Step-down continuity (BRIEF: shared vocabulary): the request this one continues, with the same practitioner.
-- IF NOT EXISTS: the reports migration (050) adds the same column for databases that have it first.
ALTER TABLE requests ADD COLUMN IF NOT EXISTS continued_from_request_id uuid REFERENCES requests (id) ON DELETE SET NULL;

-- The case for (area, reference), made on first use. Two writers making the
-- same case at once: the second INSERT waits for the first and then finds it.
CREATE FUNCTION case_for(area text, ref text) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  found uuid;
BEGIN
  IF area IS NULL OR ref IS NULL OR regexp_replace(upper(ref), '[^A-Z0-9]', '', 'g') = '' THEN RETURN NULL; END IF;
  INSERT INTO cases (area_id, case_ref) VALUES (area, upper(btrim(ref))) ON CONFLICT (area_id, ref_key) DO NOTHING;
  SELECT id INTO found FROM cases WHERE area_id = area AND ref_key = regexp_replace(upper(ref), '[^A-Z0-9]', '', 'g');
  RETURN found;
END $$;

CREATE FUNCTION checks_link_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.case_id := case_for(NEW.area, NEW.case_ref);
  RETURN NEW;
END $$;
CREATE TRIGGER checks_link_case BEFORE INSERT OR UPDATE OF case_ref, area ON checks
  FOR EACH ROW EXECUTE FUNCTION checks_link_case();

-- A draft request has no hub yet: its area is the one of the check it was started from.
CREATE FUNCTION requests_link_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.case_id := case_for(
    coalesce((SELECT area_id FROM hub_areas WHERE hub_id = NEW.hub_id), (SELECT area FROM checks WHERE id = NEW.source_check_id)),
    NEW.case_ref);
  RETURN NEW;
END $$;
CREATE TRIGGER requests_link_case BEFORE INSERT OR UPDATE OF case_ref, hub_id ON requests
  FOR EACH ROW EXECUTE FUNCTION requests_link_case();

CREATE FUNCTION bookings_link_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.case_id := case_for((SELECT area_id FROM hub_areas WHERE hub_id = NEW.hub_id), NEW.case_ref);
  RETURN NEW;
END $$;
CREATE TRIGGER bookings_link_case BEFORE INSERT OR UPDATE OF case_ref, hub_id ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_link_case();

-- Links every record that has a reference but no case yet (returns how many it looked at).
CREATE FUNCTION link_records_to_cases() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  linked integer := 0;
  n integer;
BEGIN
  UPDATE checks SET case_id = case_for(area, case_ref) WHERE case_id IS NULL AND case_ref IS NOT NULL AND area IS NOT NULL;
  GET DIAGNOSTICS n = ROW_COUNT; linked := linked + n;
  UPDATE requests r
    SET case_id = case_for(coalesce((SELECT area_id FROM hub_areas h WHERE h.hub_id = r.hub_id), (SELECT area FROM checks c WHERE c.id = r.source_check_id)), r.case_ref)
    WHERE r.case_id IS NULL AND r.case_ref IS NOT NULL;
  GET DIAGNOSTICS n = ROW_COUNT; linked := linked + n;
  UPDATE bookings b SET case_id = case_for(h.area_id, b.case_ref)
    FROM hub_areas h WHERE h.hub_id = b.hub_id AND b.case_id IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT; linked := linked + n;
  RETURN linked;
END $$;

-- Checks carry their area already: they are linked now. Requests and bookings
-- are linked at the first start, once hub_areas is written.
SELECT link_records_to_cases();
