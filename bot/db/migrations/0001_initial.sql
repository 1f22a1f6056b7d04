-- People who talked to the bot. Only what the bot needs: no names, no usernames.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,            -- Telegram user id
    language        TEXT,                           -- chosen or detected locale, NULL until known
    language_chosen INTEGER NOT NULL DEFAULT 0,     -- 1 once the person picked it themselves
    country         TEXT,                           -- KZ KG TJ TM UZ OTHER, NULL until asked
    timezone        TEXT,                           -- IANA name, NULL = the bot's default
    is_active       INTEGER NOT NULL DEFAULT 1,     -- 0 when the person blocked the bot
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Roles given by people (admins are configured by ADMIN_IDS, members are everyone).
CREATE TABLE user_roles (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('organizer', 'expert')),
    granted_at TEXT NOT NULL,
    granted_by INTEGER,
    PRIMARY KEY (user_id, role)
);

-- The thematic catalog; names are translated through the gettext catalogs by slug.
CREATE TABLE themes (
    slug     TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0              -- one of the survey's five priority themes
);

INSERT INTO themes (slug, position, priority) VALUES
    ('local_production', 1, 1),
    ('womens_entrepreneurship', 2, 1),
    ('disability_inclusion', 3, 1),
    ('environmental_education', 4, 1),
    ('philanthropy_csr', 5, 1),
    ('regional_development', 6, 0),
    ('data_advocacy', 7, 0),
    ('coalitions_networks', 8, 0),
    ('digital_literacy', 9, 0),
    ('local_governance', 10, 0),
    ('civic_participation', 11, 0),
    ('vulnerable_groups', 12, 0),
    ('youth', 13, 0),
    ('gender_equality', 14, 0),
    ('access_to_justice', 15, 0),
    ('labour_migrants', 16, 0),
    ('environment', 17, 0);

CREATE TABLE organizations (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,                   -- casefolded name for duplicate checks
    kind           TEXT NOT NULL CHECK (kind IN
                     ('ngo', 'business_association', 'ngo_coalition',
                      'economic_coalition', 'initiative_group', 'other')),
    country        TEXT NOT NULL,
    region         TEXT NOT NULL,
    description    TEXT NOT NULL,
    public_contact TEXT,                            -- shown only when contact_consent = 1
    contact_consent INTEGER NOT NULL DEFAULT 0,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                     ('pending', 'approved', 'rejected', 'closed')),
    coordinator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX organizations_name_country
    ON organizations (name_key, country) WHERE status IN ('pending', 'approved');

CREATE TABLE organization_themes (
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    theme           TEXT NOT NULL REFERENCES themes(slug),
    PRIMARY KEY (organization_id, theme)
);

-- aiogram FSM and aiogram-dialog state, so a restart in the middle of a form resumes it.
CREATE TABLE fsm_storage (
    bot_id      INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    thread_id   INTEGER NOT NULL DEFAULT 0,
    business_id TEXT NOT NULL DEFAULT '',
    destiny     TEXT NOT NULL,
    state       TEXT,
    data        TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (bot_id, chat_id, user_id, thread_id, business_id, destiny)
);
CREATE INDEX fsm_storage_user ON fsm_storage (user_id);
