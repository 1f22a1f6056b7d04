-- The durable outbox every message to many people goes through.

-- One broadcast: an announcement, a reminder wave, a message to attendees... `kind` and
-- `subject_id` say what it is about (e.g. 'event.announce', event id); `created_by` is the
-- organizer who started it, NULL for the bot's own (reminders) or once they are forgotten.
CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    subject_id INTEGER,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    created_at TEXT NOT NULL
);
CREATE INDEX campaigns_subject ON campaigns (kind, subject_id);

-- The message of a campaign, rendered once per variant its recipients need: a variant is
-- the reader's language, and their time zone where the text shows times ("ru Asia/Bishkek").
-- `markup` is the inline keyboard as Bot API JSON, or NULL.
CREATE TABLE campaign_messages (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    variant     TEXT NOT NULL,
    text        TEXT NOT NULL,
    markup      TEXT,
    PRIMARY KEY (campaign_id, variant)
);

-- A row per recipient. queued -> sent | failed | blocked | cancelled; a row becomes `sent`
-- in the same moment the bot learns Telegram accepted it.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,   -- ids only grow: the sender's cursor
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    variant     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'sent', 'failed', 'blocked', 'cancelled')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    message_id  INTEGER,
    updated_at  TEXT NOT NULL,
    UNIQUE (campaign_id, user_id)
);
CREATE INDEX outbox_queued ON outbox (id) WHERE status = 'queued';
CREATE INDEX outbox_user ON outbox (user_id);
