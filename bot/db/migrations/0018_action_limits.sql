-- What each person did of the actions that cost others attention or the bot work
-- (announcing, polling, sending recommendations, broadcasting, asking, exporting): the
-- per-person limits count these rows within their window. Rows older than a week go.
CREATE TABLE action_log (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    action  TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX action_log_person ON action_log (user_id, action, at);
