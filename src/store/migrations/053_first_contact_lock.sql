-- A card held for someone who has not opened Right Response yet (042) must
-- go out when they first do, even when the two happen at the same moment:
-- the delivery job finding no conversation reference and holding the card,
-- while their first activity stores the reference and releases held cards.
-- Within one statement each side reads from a snapshot taken before the
-- other committed, so each could miss the other and the card would wait for
-- their next message. Both sides now take this person's lock first and read
-- after it, in a statement of their own: whichever comes second sees what
-- the first wrote. (A PL/pgSQL function's statements each read afresh, so
-- the turn's single claim statement can call it.)
CREATE FUNCTION lock_first_contact(aad text) RETURNS void
LANGUAGE sql VOLATILE AS $$
  SELECT pg_advisory_xact_lock(hashtextextended('first-contact:' || aad, 0));
$$;

-- The first activity's side: called by the turn claim for each person whose
-- conversation reference it has just created. Returns how many held cards
-- went back to their queue.
CREATE FUNCTION release_held_cards(aad text) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  released integer;
BEGIN
  PERFORM lock_first_contact(aad);
  UPDATE notifications SET status = 'pending', last_error = NULL
   WHERE status = 'held' AND recipient_kind = 'user' AND recipient_id = aad;
  GET DIAGNOSTICS released = ROW_COUNT;
  RETURN released;
END
$$;
