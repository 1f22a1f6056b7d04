-- Quick polls and questionnaires. Who was asked and how far they got (participation) is
-- kept apart from what was answered. A named poll keeps each person's answers (changeable
-- until closing). An anonymous poll keeps no row per answer at all: counters per option, and
-- free texts under random ids with the day only, so nothing links a person to an answer.

CREATE TABLE polls (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,           -- the question of a one-question poll, or a title
    anonymous      INTEGER NOT NULL,
    results_public INTEGER NOT NULL DEFAULT 0,  -- respondents see the results after closing
    created_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    closes_at      TEXT NOT NULL,
    remind_at      TEXT,                    -- once, to those who have not answered all
    reminded_at    TEXT,
    closed_at      TEXT                     -- set once, by the tick or the organizer
);
CREATE INDEX polls_open ON polls (closes_at) WHERE closed_at IS NULL;

CREATE TABLE poll_questions (
    id          INTEGER PRIMARY KEY,
    poll_id     INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,           -- 0, 1, ... in the order they are asked
    kind        TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'rating', 'text')),
    text        TEXT NOT NULL,
    max_choices INTEGER,                    -- multiple choice: at most this many, or any
    scale       INTEGER CHECK (scale IS NULL OR scale IN (5, 10)),
    UNIQUE (poll_id, position)
);

CREATE TABLE poll_options (
    question_id INTEGER NOT NULL REFERENCES poll_questions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (question_id, position)
) WITHOUT ROWID;

-- Participation: the people a poll was sent to, and how many of its questions each has
-- answered (the next one to ask). No answer is kept here. For a named poll only, the
-- Telegram name and username the person had when they answered (what the organizer sees).
CREATE TABLE poll_recipients (
    poll_id  INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    progress INTEGER NOT NULL DEFAULT 0,
    name     TEXT,
    username TEXT,
    PRIMARY KEY (poll_id, user_id)
) WITHOUT ROWID;

-- A named poll's answers: a choice is one row per option chosen; a rating its points in
-- `option`; a text in `text`.
CREATE TABLE poll_answers (
    question_id INTEGER NOT NULL REFERENCES poll_questions(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    option      INTEGER NOT NULL DEFAULT -1,
    text        TEXT,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_id, option)
) WITHOUT ROWID;

-- An anonymous poll's choices and ratings: how many chose each option (or each point of a
-- rating); option -1 counts those who answered a multiple-choice question.
CREATE TABLE poll_counts (
    question_id INTEGER NOT NULL REFERENCES poll_questions(id) ON DELETE CASCADE,
    option      INTEGER NOT NULL,
    count       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (question_id, option)
) WITHOUT ROWID;

-- An anonymous poll's free texts: a random id (the table's order follows nothing), the day.
CREATE TABLE poll_texts (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES poll_questions(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    day         TEXT NOT NULL
);
CREATE INDEX poll_texts_question ON poll_texts (question_id, id);
