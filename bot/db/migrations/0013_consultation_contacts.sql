-- Direct contact in a consultation, only when both sides agree: each side's Telegram
-- contact as it was when they agreed (JSON), for the expert who holds the request now
-- (cleared when it goes to another expert or back to the queue). Both set: each was sent
-- the other's.
ALTER TABLE consultations ADD COLUMN asker_contact TEXT;
ALTER TABLE consultations ADD COLUMN expert_contact TEXT;
-- How many times the request has changed hands (taken, passed on, given back): an anonymous
-- asker's «yes» to exchanging contacts is for the expert of one turn only.
ALTER TABLE consultations ADD COLUMN expert_turn INTEGER NOT NULL DEFAULT 0;
UPDATE consultations SET expert_turn = 1 WHERE expert_id IS NOT NULL;
