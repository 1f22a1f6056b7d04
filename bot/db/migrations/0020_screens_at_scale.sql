-- The main screens at ten times a regional network (bench/scale.py): what they read no
-- longer scans a table that grows with the network. The organizations' indexes are partial
-- (approved ones only) on purpose, and none starts with `status` or `country`: such an
-- index makes SQLite believe that the approved organizations (of a country) are a handful,
-- and the audience queries (events, polls, digests) then go through all of them for each
-- person instead of starting from the person's memberships: an index on (country, kind)
-- of the approved ones made the digests of bench/scale.py's network five times slower.

-- The directory, a page in name order, and how many there are by country or type (also
-- the admins' figures), from the index alone.
CREATE INDEX organizations_listed ON organizations (name_key, country, kind)
    WHERE status = 'approved';
-- Applications waiting for a decision (the admins' figures, the review list).
CREATE INDEX organizations_pending ON organizations (created_at) WHERE status = 'pending';

-- The admins' figures: people who blocked the bot, what was sent and what failed in 24 hours.
CREATE INDEX users_unreachable ON users (id) WHERE is_active = 0;
CREATE INDEX outbox_sent_at ON outbox (updated_at) WHERE status = 'sent';
CREATE INDEX outbox_failed_at ON outbox (updated_at) WHERE status IN ('failed', 'blocked');

-- Events not over yet (the events list, the admins' figures), without reading past ones.
CREATE INDEX events_until ON events (status, COALESCE(ends_at, starts_at));

-- How many answered each event, and how (every card, /myevents for all of an organizer's
-- events at once), from the index alone.
CREATE INDEX event_responses_counts ON event_responses (event_id, status);
