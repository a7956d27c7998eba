-- Staff supervisions recorded by hub managers (Plymouth Early Help and
-- Targeted Support offer, 6: at least every 2 months, more often when the
-- families' risk is higher). Staff ids and dates only.
CREATE TABLE staff_supervisions (
  id              bigserial PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  staff_aad       text NOT NULL,
  hub_id          text NOT NULL,
  held_on         date NOT NULL,
  -- The interval agreed for the next one: at most the service's own.
  every_amount    integer NOT NULL CHECK (every_amount > 0),
  every_unit      text NOT NULL CHECK (every_unit IN ('days', 'weeks', 'months')),
  recorded_by     text NOT NULL,
  recorded_at     timestamptz NOT NULL
);
CREATE INDEX staff_supervisions_staff ON staff_supervisions (staff_aad, held_on DESC, id DESC);
