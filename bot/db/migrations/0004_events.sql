-- Events: announcements with RSVP, application forms, milestones and reminders.

-- Times are UTC ISO strings. `timezone` is the organizer's zone when they wrote the dates:
-- the .ics file and the organizer's own view use it; readers see their own zone.
-- `dates_tbc` marks tentative dates ("to be confirmed"); `apply_by` is the form's deadline.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    organizer_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT,
    dates_tbc    INTEGER NOT NULL DEFAULT 0,
    timezone     TEXT NOT NULL,
    place        TEXT,
    online_url   TEXT,
    contact      TEXT,
    capacity     INTEGER CHECK (capacity IS NULL OR capacity > 0),
    apply_by     TEXT,
    status       TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled')),
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX events_starts ON events (status, starts_at);
CREATE INDEX events_organizer ON events (organizer_id);

-- Dated steps such as "application deadline", each with an optional link.
CREATE TABLE event_milestones (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    title    TEXT NOT NULL,
    due_at   TEXT NOT NULL,
    link     TEXT
);
CREATE INDEX event_milestones_event ON event_milestones (event_id, due_at);

-- Who the announcement is for: rows of (dimension, value); no row at all means everyone.
-- Within a dimension any value matches; every dimension given must match.
CREATE TABLE event_audience (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    dimension TEXT NOT NULL CHECK (dimension IN ('theme', 'country', 'kind', 'role')),
    value     TEXT NOT NULL,
    PRIMARY KEY (event_id, dimension, value)
);

-- The application form: the organizer's questions, free text or a choice of options
-- (`options` is a JSON list).
CREATE TABLE event_questions (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    options  TEXT
);
CREATE INDEX event_questions_event ON event_questions (event_id, position);

-- A person's answer to an event: going / maybe / not_going / waitlist (going, but the event
-- was full) / applied (the form was sent). `since` orders the waiting list. `display_name`
-- is the Telegram name the person answered with: the card tells them, before they answer,
-- that the organizer sees it. It goes with the row when they ask to be forgotten.
CREATE TABLE event_responses (
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL
                 CHECK (status IN ('going', 'maybe', 'not_going', 'waitlist', 'applied')),
    since      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_responses_user ON event_responses (user_id);

CREATE TABLE event_answers (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES event_questions(id) ON DELETE CASCADE,
    answer      TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id, question_id)
);

-- Reminders due: one row per moment (the day before, the hour before, a milestone). A row
-- is written when the event is published or its dates change (only moments still ahead),
-- and marked sent with its campaign in the transaction that queues it: never twice.
CREATE TABLE event_reminders (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('day', 'hour', 'milestone')),
    milestone_id INTEGER REFERENCES event_milestones(id) ON DELETE CASCADE,
    target_at    TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    sent_at      TEXT,
    campaign_id  INTEGER REFERENCES campaigns(id) ON DELETE SET NULL
);
CREATE INDEX event_reminders_due ON event_reminders (due_at) WHERE sent_at IS NULL;
