-- Delivered messages follow what they are about: an outbox row can edit a message it (or an
-- earlier campaign) delivered instead of sending a new one. `edit_message_id` is the
-- Telegram message to edit in the recipient's chat; NULL for a new message.
ALTER TABLE outbox ADD COLUMN edit_message_id INTEGER;

-- Finding the delivered messages of a campaign kind about an item (an event's
-- announcements) without scanning every campaign.
CREATE INDEX outbox_campaign_sent ON outbox (campaign_id, user_id) WHERE message_id IS NOT NULL;

-- The @username of a person who answered an event, where they have one (the organizer's
-- table of answers names it beside the Telegram name; it goes with the answer).
ALTER TABLE event_responses ADD COLUMN username TEXT;

-- How an event's organizer hears of new answers and applications: each time one comes,
-- in a summary once a day, or not at all. `answers_told_at` is when the last daily summary
-- went out (what came after it goes into the next).
ALTER TABLE events ADD COLUMN answer_notices TEXT NOT NULL DEFAULT 'each'
    CHECK (answer_notices IN ('each', 'daily', 'off'));
ALTER TABLE events ADD COLUMN answers_told_at TEXT;
