-- The desk's schedule counts from the right moments. `opened_at`: when a request last went
-- into the queue (asked, handed back, returned); its reminders and alerts count from it and
-- start afresh each time. `expert_answered_at`: when the expert who holds it now first
-- answered (a request passed on or handed back is unanswered for its new expert);
-- `first_answer_at` stays the first answer ever, for the organizers' figures.
ALTER TABLE consultations ADD COLUMN opened_at TEXT;
ALTER TABLE consultations ADD COLUMN expert_answered_at TEXT;
UPDATE consultations SET opened_at = created_at;
UPDATE consultations SET expert_answered_at = first_answer_at WHERE status = 'taken';
