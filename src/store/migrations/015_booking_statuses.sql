-- Which booking statuses are still open and which hold one of the hub's weekly
-- places, each defined once, here and in booking_holds_place() (005), and used by
-- every statement, the cap triggers and the partial index, so that no query
-- carries its own copy of the list.
--
-- Open: someone may yet accept, move, reassign or cancel it. A place is held by
-- every open booking and by a completed visit (the cap is visits per hub per
-- week, Barnet One Service Response protocol 2.4); declined and cancelled bookings give their place back.
CREATE FUNCTION booking_is_open(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('requested', 'accepted', 'time-proposed', 'reassign-requested')
$$;

-- The index that serves "places held in a hub-week", with its predicate from the function.
DROP INDEX bookings_holding_places;
CREATE INDEX bookings_holding_places ON bookings (hub_id, week_id) WHERE booking_holds_place(status);
