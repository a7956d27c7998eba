-- A card for someone who has not opened Right Response yet (no chat with the
-- bot, and no hub channel to start one from) is held instead of given up
-- (issue 12): their first activity (installing the app, or a first message)
-- puts their held cards back in the queue, in their original order. A held
-- reminder card is still cancelled when its cause is resolved.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
  CHECK (status IN ('pending', 'sent', 'undeliverable', 'dead', 'cancelled', 'held'));
-- Every turn asks whether the person has held cards: almost always none, so a small partial index.
CREATE INDEX notifications_held ON notifications (recipient_id, id) WHERE status = 'held';
