-- Partnership proposals: a short note from the proposing organization to the other one,
-- and 'withdrawn' for a proposal its organization took back before the answer (kept, so
-- that the buttons of the notice already delivered can say so, and its id is not reused).
-- A status cannot be added to a CHECK in place, so the table is built again.
CREATE TABLE partnerships_next (
    id               INTEGER PRIMARY KEY,
    from_org         INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    to_org           INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    proposed_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    proposer_contact TEXT,
    decided_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    accepter_contact TEXT,
    status           TEXT NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    note             TEXT,
    created_at       TEXT NOT NULL,
    decided_at       TEXT,
    CHECK (from_org <> to_org)
);
INSERT INTO partnerships_next (id, from_org, to_org, proposed_by, proposer_contact,
                               decided_by, accepter_contact, status, created_at, decided_at)
    SELECT id, from_org, to_org, proposed_by, proposer_contact, decided_by, accepter_contact,
           status, created_at, decided_at
    FROM partnerships;
DROP TABLE partnerships;
ALTER TABLE partnerships_next RENAME TO partnerships;

CREATE UNIQUE INDEX partnerships_pending
    ON partnerships (from_org, to_org) WHERE status = 'pending';
CREATE INDEX partnerships_pair ON partnerships (from_org, to_org);
-- The proposals waiting for an organization, shown at its coordinator's /start.
CREATE INDEX partnerships_to ON partnerships (to_org, status);
