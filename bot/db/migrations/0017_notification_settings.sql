-- What reaches a person and when: their digest, quiet hours, interests and, per kind of
-- notification, immediate (no row), digest only or off. A person without a row has the
-- defaults: no digest, no quiet hours, everything immediate, every theme and country.

CREATE TABLE notification_settings (
    user_id        INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    digest         TEXT NOT NULL DEFAULT 'off' CHECK (digest IN ('off', 'daily', 'weekly')),
    digest_day     INTEGER NOT NULL DEFAULT 0 CHECK (digest_day BETWEEN 0 AND 6),  -- Monday 0
    digest_hour    INTEGER NOT NULL DEFAULT 9 CHECK (digest_hour BETWEEN 0 AND 23),
    quiet_from     INTEGER CHECK (quiet_from IS NULL OR quiet_from BETWEEN 0 AND 23),
    quiet_until    INTEGER CHECK (quiet_until IS NULL OR quiet_until BETWEEN 0 AND 23),
    summary        INTEGER NOT NULL DEFAULT 1,  -- an organizer's weekly summary
    -- the schedule (UTC): the next digest is due at next_digest_at; what it tells is what
    -- came since last_digest_at. Moved forward in the transaction that queues it.
    next_digest_at  TEXT,
    last_digest_at  TEXT,
    next_summary_at TEXT,
    last_summary_at TEXT,
    updated_at      TEXT NOT NULL
);
CREATE INDEX notification_digest_due ON notification_settings (next_digest_at)
    WHERE next_digest_at IS NOT NULL;
CREATE INDEX notification_summary_due ON notification_settings (next_summary_at)
    WHERE next_summary_at IS NOT NULL;

CREATE TABLE notification_modes (
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('events', 'polls', 'consultations',
                                               'recommendations', 'partnerships',
                                               'organizations')),
    mode     TEXT NOT NULL CHECK (mode IN ('digest', 'off')),
    PRIMARY KEY (user_id, category)
) WITHOUT ROWID;

-- Interests narrow the digest's news (events, organizations); none: every one.
CREATE TABLE interest_themes (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    theme   TEXT NOT NULL REFERENCES themes(slug) ON DELETE CASCADE,
    PRIMARY KEY (user_id, theme)
) WITHOUT ROWID;

CREATE TABLE interest_countries (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    PRIMARY KEY (user_id, country)
) WITHOUT ROWID;

-- A message held until the reader's quiet hours end is sent from `not_before` on (UTC).
ALTER TABLE outbox ADD COLUMN not_before TEXT;

-- The digest's lookups by time.
CREATE INDEX events_created ON events (created_at);
CREATE INDEX organizations_decided ON organizations (decided_at);
