-- How an event's organizer hears of new answers and applications: each time one comes,
-- in a summary once a day, or not at all. `answers_told_at` is when the last daily summary
-- went out (what came after it goes into the next).
ALTER TABLE events ADD COLUMN answer_notices TEXT NOT NULL DEFAULT 'each'
    CHECK (answer_notices IN ('each', 'daily', 'off'));
ALTER TABLE events ADD COLUMN answers_told_at TEXT;

-- A campaign's message is rendered again when what it is about changes before it is out
-- (an edited event); `revision` counts those renderings. A message that was on its way
-- while it changed is edited once more after it is delivered.
ALTER TABLE campaign_messages ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
