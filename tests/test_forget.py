"""/forget deletes a person's data; an organization they coordinate is handed over or
closed; nothing with their id remains anywhere in the database."""

from __future__ import annotations

import sqlite3

from tests.events_flows import call_with_one_application, organizer
from tests.flows import admin, invite_link, onboard, registered_org
from tests.helpers import db_rows


def traces(path, user_id: int) -> list[str]:
    """Every table.column holding the id (as a number or inside text)."""
    conn = sqlite3.connect(path)
    found = []
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for column in [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]:
                hits = conn.execute(
                    f"SELECT COUNT(*) FROM {table} WHERE {column} = ? "
                    f"OR CAST({column} AS TEXT) LIKE ?",
                    (user_id, f"%{user_id}%"),
                ).fetchone()[0]
                if hits:
                    found.append(f"{table}.{column}")
    finally:
        conn.close()
    return found


async def test_a_member_forgets_and_nothing_of_theirs_remains(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9101, "Ann")
    cem = await onboard(sandbox, 9102, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    bek = await onboard(sandbox, 9103, "Bek")
    await bek.send(f"/start {await invite_link(ann)}")
    await ann.press("✅ Accept", ann.last)
    await cem.send("/orgs")
    await cem.press("🔎 Show 2 organizations")
    await cem.press("Women of Naryn · Kyrgyzstan")
    await cem.press("🤝 Propose partnership")
    await ann.press("✅ Accept", ann.last)
    assert traces(sandbox.database_path, 9103)

    await bek.send("/forget")
    assert "Delete your data?" in bek.last.text
    await bek.press("🗑 Yes, delete my data")
    assert "Your data has been deleted" in bek.last.text
    assert traces(sandbox.database_path, 9103) == []

    await ann.send("/myorg")
    await ann.press("👥 Members (1)")  # Bek is gone


async def test_a_coordinator_hands_the_organization_over_then_is_forgotten(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9201, "Ann")
    cem = await onboard(sandbox, 9202, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    bek = await onboard(sandbox, 9203, "Bek")
    await bek.send(f"/start {await invite_link(ann)}")
    await ann.press("✅ Accept", ann.last)
    await cem.send("/orgs")
    await cem.press("🔎 Show 2 organizations")
    await cem.press("Women of Naryn · Kyrgyzstan")
    await cem.press("🤝 Propose partnership")
    await ann.press("✅ Accept", ann.last)

    await ann.send("/forget")
    assert "You coordinate «Women of Naryn». Who should take it over?" in ann.last.text
    await ann.press("Bek")
    assert "«Women of Naryn» goes to Bek." in ann.last.text
    await ann.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, 9201) == []
    assert "You are now the coordinator of «Women of Naryn»" in bek.last.text
    [org] = db_rows(
        sandbox.database_path,
        "SELECT coordinator_id FROM organizations WHERE name = ?",
        ("Women of Naryn",),
    )
    assert org["coordinator_id"] == 9203
    [partnership] = db_rows(sandbox.database_path, "SELECT * FROM partnerships")
    assert partnership["decided_by"] is None and partnership["accepter_contact"] is None
    assert partnership["proposer_contact"] is not None, "Cem's own contact stays"


async def test_an_organization_without_other_members_is_closed(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9301, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await ann.send("/forget")
    assert "It has no other members." in ann.last.text
    await ann.press("Close the organization")
    assert "«Women of Naryn» is closed and removed from the directory." in ann.last.text
    await ann.press("🗑 Yes, delete my data")
    assert db_rows(sandbox.database_path, "SELECT * FROM organizations") == []
    assert traces(sandbox.database_path, 9301) == []


async def test_cancel_keeps_everything(sandbox):
    ann = await onboard(sandbox, 9401, "Ann")
    await ann.send("/forget")
    await ann.press("✖ Cancel")
    assert db_rows(sandbox.database_path, "SELECT id FROM users WHERE id = 9401")


async def test_answers_to_events_go_with_the_person_and_the_event_stays(sandbox):
    altynai = await organizer(sandbox, 9501)
    bek = await onboard(sandbox, 9502, "Bek")
    await call_with_one_application(sandbox, altynai, bek)
    assert traces(sandbox.database_path, 9502)

    await bek.send("/forget")
    await bek.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, 9502) == []
    assert db_rows(sandbox.database_path, "SELECT * FROM event_answers") == []

    await altynai.send("/forget")
    await altynai.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, 9501) == []
    [event] = db_rows(sandbox.database_path, "SELECT organizer_id, status FROM events")
    assert (event["organizer_id"], event["status"]) == (None, "published")
