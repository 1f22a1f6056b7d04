-- Recommendation follow-ups. A set (a dialogue's recommendations) has sections (its panels)
-- and recommendations, each addressed to stakeholder groups (organization types). When it
-- is sent, the approved organizations of those groups are its addressees; each answers
-- each recommendation addressed to it once (revisable until the deadline, every revision
-- kept), optionally with a commitment whose progress is checked in on until done.

CREATE TABLE rec_sets (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    source          TEXT,                     -- the dialogue or event it came from
    event_id        INTEGER REFERENCES events(id) ON DELETE SET NULL,
    held_on         TEXT,                     -- the dialogue's date
    deadline        TEXT,                     -- answers until (UTC)
    include_members INTEGER NOT NULL DEFAULT 0,  -- members as well as coordinators
    reminder_days   TEXT NOT NULL DEFAULT '3,7', -- days after sending, to the silent
    checkin_days    INTEGER NOT NULL DEFAULT 14, -- a commitment not done: asked again
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    summary_at      TEXT,                     -- the summary last sent to the addressees
    deleted_at      TEXT
);

CREATE TABLE rec_sections (
    id       INTEGER PRIMARY KEY,
    set_id   INTEGER NOT NULL REFERENCES rec_sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    UNIQUE (set_id, position)
);

CREATE TABLE recommendations (
    id         INTEGER PRIMARY KEY,
    set_id     INTEGER NOT NULL REFERENCES rec_sets(id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL REFERENCES rec_sections(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,             -- in the set, from 0
    text       TEXT NOT NULL,
    UNIQUE (set_id, position)
);

CREATE TABLE recommendation_groups (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    grp               TEXT NOT NULL
        CHECK (grp IN ('business', 'cso', 'government', 'donor', 'other')),
    PRIMARY KEY (recommendation_id, grp)
) WITHOUT ROWID;

-- The organizations a set went to, fixed when it was sent.
CREATE TABLE rec_addressees (
    set_id INTEGER NOT NULL REFERENCES rec_sets(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    grp    TEXT NOT NULL,
    PRIMARY KEY (set_id, org_id)
) WITHOUT ROWID;
CREATE INDEX rec_addressees_org ON rec_addressees (org_id, set_id);

-- An organization's answer as it stands, and every revision of it.
CREATE TABLE rec_answers (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    org_id            INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    verdict           TEXT NOT NULL
        CHECK (verdict IN ('accept', 'partial', 'disagree', 'not_applicable')),
    text              TEXT,
    commitment        TEXT,
    commitment_due    TEXT,
    answered_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    answered_at       TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    PRIMARY KEY (recommendation_id, org_id)
) WITHOUT ROWID;

CREATE TABLE rec_answer_history (
    id                INTEGER PRIMARY KEY,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    org_id            INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    verdict           TEXT NOT NULL,
    text              TEXT,
    commitment        TEXT,
    commitment_due    TEXT,
    answered_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    answered_at       TEXT NOT NULL,
    revision          INTEGER NOT NULL
);
CREATE INDEX rec_answer_history_of ON rec_answer_history (recommendation_id, org_id, revision);

-- A commitment's follow-up: its status, the next check-in, whether the organizer was told
-- it is overdue.
CREATE TABLE rec_commitments (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    org_id            INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    status            TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    note              TEXT,
    next_checkin      TEXT,                  -- NULL once done or dropped
    overdue_told_at   TEXT,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (recommendation_id, org_id)
) WITHOUT ROWID;
CREATE INDEX rec_commitments_due ON rec_commitments (next_checkin) WHERE next_checkin IS NOT NULL;

-- Reminders to the silent, planned when the set is sent: each moment once.
CREATE TABLE rec_reminders (
    set_id  INTEGER NOT NULL REFERENCES rec_sets(id) ON DELETE CASCADE,
    due_at  TEXT NOT NULL,
    done_at TEXT,
    PRIMARY KEY (set_id, due_at)
) WITHOUT ROWID;
CREATE INDEX rec_reminders_due ON rec_reminders (due_at) WHERE done_at IS NULL;
