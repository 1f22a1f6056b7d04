-- A choice question may offer «Other (write it)» after its options: its index is the
-- number of options; what people write is kept with it (named), or as an unlinked text
-- (anonymous), as free-text answers are.
ALTER TABLE poll_questions ADD COLUMN other INTEGER NOT NULL DEFAULT 0;

-- The polls waiting for a person's answers (their /polls, the main menu's count) and their
-- /forget look participation up by person.
CREATE INDEX poll_recipients_user ON poll_recipients (user_id, poll_id);
