-- Consultations: a member asks, a matching expert takes the request, the bot relays the
-- conversation, the member closes it and rates it.

-- `asker_name` is the Telegram name the asker had when asking, kept only for a request
-- that is not anonymous (an anonymous one stores no name at all). The expert is the one
-- who took it (first Take wins: `status` moves from 'open' in one statement).
CREATE TABLE consultations (
    id              INTEGER PRIMARY KEY,
    asker_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    asker_name      TEXT,
    anonymous       INTEGER NOT NULL DEFAULT 0,
    theme           TEXT NOT NULL REFERENCES themes(slug),
    country         TEXT NOT NULL,
    language        TEXT NOT NULL,
    question        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'taken', 'resolved')),
    expert_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    rating          INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    rating_comment  TEXT,
    created_at      TEXT NOT NULL,
    taken_at        TEXT,
    first_answer_at TEXT,
    resolved_at     TEXT
);
CREATE INDEX consultations_asker ON consultations (asker_id, status);
CREATE INDEX consultations_expert ON consultations (expert_id, status);
CREATE INDEX consultations_open ON consultations (status, theme);

-- The conversation: what each side wrote, in order. `author` says which side; the
-- author's id is kept to check who may write, and goes when that person is forgotten.
CREATE TABLE consultation_messages (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    author          TEXT NOT NULL CHECK (author IN ('asker', 'expert')),
    author_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX consultation_messages_thread ON consultation_messages (consultation_id, id);
