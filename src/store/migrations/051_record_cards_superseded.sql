-- One living card per record per personal chat: when a newer message shows
-- the same record's card in the same chat, the older one is marked here and
-- turned into a one-line "moved down the chat" card by a job. It is kept (not
-- deleted) so that erasing the case still finds and clears it, and so that a
-- redraw that raced with it can tell it must not stay a full card.
ALTER TABLE record_cards ADD COLUMN superseded_at timestamptz;
