-- What each message showing a record's card was drawn from: a digest of the
-- record's side of the card (not its headline, such as "Allocated. Demo Social
-- Worker has been told", nor what was typed into it). A redraw for a change
-- the message already shows leaves it alone, so the words that came with that
-- change stay. NULL: drawn before this column, or unknown: redrawn as before.
ALTER TABLE record_cards ADD COLUMN drawn_state text;
