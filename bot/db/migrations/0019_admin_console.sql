-- The admins' console: finding a person to appoint, one-time appointment links, blocking
-- an abusive person, and experts an admin appointed before they wrote their profile.

-- The name and @username a person shows Telegram, casefolded, refreshed when they write
-- to the bot: only for admins' search; it goes with the person's row (/forget).
ALTER TABLE users ADD COLUMN search_name TEXT;

-- A person an admin blocked: the bot ignores their updates except /forget. The Telegram id
-- only, with no reference to `users`, so that being forgotten does not lift the block.
CREATE TABLE blocked_people (
    user_id    INTEGER PRIMARY KEY,
    blocked_by INTEGER,
    blocked_at TEXT NOT NULL
);

-- A link an admin sends a person to make them an organizer or an expert: used once,
-- valid for a week.
CREATE TABLE appointment_links (
    token      TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('organizer', 'expert')),
    created_by INTEGER,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by    INTEGER,
    used_at    TEXT
);

-- Appointed as an expert with no profile yet: the profile they submit is approved at once.
CREATE TABLE expert_invitations (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    invited_by INTEGER,
    invited_at TEXT NOT NULL
);

CREATE INDEX audit_log_action ON audit_log (action, id);
