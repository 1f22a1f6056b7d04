-- A choice question may offer «Other (write it)» after its options: its index is the
-- number of options; what people write is kept with it (named), or as an unlinked text
-- (anonymous), as free-text answers are.
ALTER TABLE poll_questions ADD COLUMN other INTEGER NOT NULL DEFAULT 0;
