-- Registration, membership, experts, partnerships and the admins' audit trail.

-- Who belongs to which organization. The coordinator is organizations.coordinator_id and
-- also has a row here. display_name is the Telegram name the person showed when joining,
-- visible to the coordinator only.
CREATE TABLE organization_members (
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    display_name    TEXT NOT NULL DEFAULT '',
    joined_at       TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user ON organization_members (user_id);

-- Rejection reason and who decided, for the applicant's answer and the audit.
ALTER TABLE organizations ADD COLUMN decided_at TEXT;
ALTER TABLE organizations ADD COLUMN reject_reason TEXT;

-- One invite link per organization at a time; revoking it deletes the row.
CREATE TABLE organization_invites (
    organization_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    token           TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL
);

-- A person asking to join through an invite, until the coordinator decides.
CREATE TABLE join_requests (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    display_name    TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'accepted', 'declined')),
    created_at      TEXT NOT NULL,
    decided_at      TEXT
);
CREATE UNIQUE INDEX join_requests_pending
    ON join_requests (organization_id, user_id) WHERE status = 'pending';

-- Expert profiles; the expert role is held while status = 'approved'.
CREATE TABLE experts (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    bio           TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected')),
    available     INTEGER NOT NULL DEFAULT 1,
    reject_reason TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    decided_at    TEXT
);
CREATE TABLE expert_themes (
    user_id INTEGER NOT NULL REFERENCES experts(user_id) ON DELETE CASCADE,
    theme   TEXT NOT NULL REFERENCES themes(slug),
    PRIMARY KEY (user_id, theme)
);
CREATE TABLE expert_countries (
    user_id INTEGER NOT NULL REFERENCES experts(user_id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    PRIMARY KEY (user_id, country)
);
CREATE TABLE expert_languages (
    user_id  INTEGER NOT NULL REFERENCES experts(user_id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    PRIMARY KEY (user_id, language)
);

-- Experts granted before profiles existed keep their role through an (empty) profile.
INSERT INTO experts (user_id, bio, status, created_at, updated_at)
    SELECT user_id, '', 'approved', granted_at, granted_at FROM user_roles WHERE role = 'expert';
DELETE FROM user_roles WHERE role = 'expert';

-- A proposal from one organization to another. The contacts are snapshots each side gave
-- when it acted (proposing, accepting); they are shown to the other side only once both
-- have agreed, and erased when the person who gave them asks to be forgotten.
CREATE TABLE partnerships (
    id               INTEGER PRIMARY KEY,
    from_org         INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    to_org           INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    proposed_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    proposer_contact TEXT,
    decided_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    accepter_contact TEXT,
    status           TEXT NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'accepted', 'declined')),
    created_at       TEXT NOT NULL,
    decided_at       TEXT,
    CHECK (from_org <> to_org)
);
CREATE UNIQUE INDEX partnerships_pending
    ON partnerships (from_org, to_org) WHERE status = 'pending';

-- Every admin decision: who, when, what. actor_id and subject_user_id are Telegram ids and
-- are set to NULL when that person asks to be forgotten.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    actor_id        INTEGER,
    action          TEXT NOT NULL,
    subject_type    TEXT NOT NULL,
    subject_id      INTEGER,
    subject_user_id INTEGER,
    detail          TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_subject_user ON audit_log (subject_user_id);
