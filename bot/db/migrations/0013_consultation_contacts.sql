-- Direct contact in a consultation, only when both sides agree: each side's Telegram
-- contact as it was when they agreed (JSON), for the expert who holds the request now
-- (cleared when it goes to another expert or back to the queue). Both set: each was sent
-- the other's.
ALTER TABLE consultations ADD COLUMN asker_contact TEXT;
ALTER TABLE consultations ADD COLUMN expert_contact TEXT;
