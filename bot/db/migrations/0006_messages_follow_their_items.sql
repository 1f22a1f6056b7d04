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
