-- Sound foundations: outbox rows claimed with a lease; campaigns that name a person go
-- with that person.

-- A sender claims a row before sending it: `lease_owner` is the sending process, and until
-- `lease_until` no other process takes the row (two processes during a deploy never send
-- one row twice). A graceful stop releases the leases; after a crash they run out.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;

-- The person a campaign's message is about, when it names them (a join request names the
-- applicant, an admin's review card the applicant): the campaign, its text and its rows are
-- deleted when that person asks to be forgotten.
ALTER TABLE campaigns ADD COLUMN about_user_id INTEGER REFERENCES users(id) ON DELETE CASCADE;
CREATE INDEX campaigns_about ON campaigns (about_user_id) WHERE about_user_id IS NOT NULL;

-- Looking up a person's organizations and declined requests without scanning.
CREATE INDEX organizations_coordinator ON organizations (coordinator_id);
CREATE INDEX join_requests_user ON join_requests (user_id, organization_id);
CREATE INDEX partnerships_pair ON partnerships (from_org, to_org);
