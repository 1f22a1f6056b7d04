"""/forget deletes a person's data; an organization they coordinate is handed over or
closed; a place they held goes to the waiting list; nothing with their id, name, username or
contact remains anywhere in the database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from tests.events_flows import announce, call_with_one_application, organizer
from tests.flows import (
    admin,
    card_for,
    first_start,
    invite_link,
    onboard,
    propose,
    register,
    registered_org,
)
from tests.helpers import buttons, db_rows


def traces(path, *needles: int | str) -> list[str]:
    """Every table.column holding one of `needles` (the id as a number or inside text, a
    name, a username, a contact), as "table.column: needle"."""
    conn = sqlite3.connect(path)
    found = []
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for column in [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]:
                for needle in needles:
                    hits = conn.execute(
                        f"SELECT COUNT(*) FROM {table} WHERE {column} = ? "
                        f"OR CAST({column} AS TEXT) LIKE ?",
                        (needle, f"%{needle}%"),
                    ).fetchone()[0]
                    if hits:
                        found.append(f"{table}.{column}: {needle}")
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
    await propose(cem, "Women of Naryn")
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
    await propose(cem, "Women of Naryn")
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


async def _person(sandbox, user_id: int, name: str, username: str):
    person = sandbox.user(user_id, name, "en", username=username)
    await first_start(person)
    await person.press("Kyrgyzstan")
    return person


async def test_no_id_name_username_or_contact_remains_anywhere(sandbox):
    boss = await admin(sandbox)
    altynai = await organizer(sandbox, 9601, boss=boss)
    ann = await onboard(sandbox, 9602, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    zh = await _person(sandbox, 9603, "Zhyldyzkan", "zhyldyz_b")
    await zh.send(f"/start {await invite_link(ann)}")  # the coordinator sees the name
    await ann.press("✅ Accept", ann.last)
    await register(zh, "Zhyldyz Initiative", contact="zhyldyz@mail.example")
    await boss.press("✖ Reject", card_for(boss, "Zhyldyz Initiative"))
    await boss.send("Please give the registered name.")
    await registered_org(sandbox, boss, zh, "Naryn Weavers")
    await propose(zh, "Women of Naryn")
    await ann.press("✅ Accept", ann.last)  # contacts exchanged: her name and username
    await announce(altynai, "Open day", kind="Info meeting", end=None, capacity=5)
    card = next(m for m in zh.messages if "Open day" in (m.text or ""))
    await zh.press("✅ Going", card)
    needles = (9603, "Zhyldyzkan", "zhyldyz_b", "zhyldyz@mail.example")
    assert {t.split(": ")[1] for t in traces(sandbox.database_path, *needles)} == {
        "9603",
        "Zhyldyzkan",
        "zhyldyz_b",
        "zhyldyz@mail.example",
    }

    await zh.send("/forget")
    assert "You coordinate «Naryn Weavers»" in zh.last.text
    await zh.press("Close the organization")
    await zh.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, *needles) == []
    assert db_rows(sandbox.database_path, "SELECT * FROM partnerships") == [], (
        "the partnership went with the organization she closed"
    )
    [org] = db_rows(sandbox.database_path, "SELECT name FROM organizations")
    assert org["name"] == "Women of Naryn"


async def test_an_organizer_who_leaves_takes_the_event_contact_along(sandbox):
    altynai = await organizer(sandbox, 9701)
    await announce(
        altynai, "Open day", kind="Info meeting", end=None, contact="altynai@dpi.example"
    )
    await altynai.send("/forget")
    await altynai.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, 9701, "altynai@dpi.example") == []
    [event] = db_rows(sandbox.database_path, "SELECT title, status FROM events")
    assert (event["title"], event["status"]) == ("Open day", "published")


async def test_a_place_freed_by_forget_goes_to_the_waiting_list(sandbox):
    altynai = await organizer(sandbox, 9801)
    bek = await onboard(sandbox, 9802, "Bek")
    cem = await onboard(sandbox, 9803, "Cem")
    await announce(altynai, "Small workshop", end=None, capacity=1)
    for person in (bek, cem):
        card = next(m for m in person.messages if "Small workshop" in (m.text or ""))
        await person.press("✅ Going", card)
    await bek.send("/forget")
    await bek.press("🗑 Yes, delete my data")
    assert "A place opened up: you are now going to «Small workshop»" in cem.last.text
    [row] = db_rows(sandbox.database_path, "SELECT user_id, status FROM event_responses")
    assert (row["user_id"], row["status"]) == (9803, "going")


async def test_a_large_organization_pages_its_successors(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9901, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    link = await invite_link(ann)
    for number in range(12):
        member = await onboard(sandbox, 9910 + number, f"Member {number:02d}")
        await member.send(f"/start {link}")
        await ann.press("✅ Accept", ann.last)
    await ann.send("/forget")
    first = ann.last
    assert "Page 1 of 2" in first.text
    names = [b for b in buttons(first) if b.startswith("Member")]
    assert names == [f"Member {n:02d}" for n in range(8)]
    await ann.press("»", first)
    assert "Page 2 of 2" in first.text
    await ann.press("Member 11", first)
    assert "«Women of Naryn» goes to Member 11." in ann.last.text
    await ann.press("🗑 Yes, delete my data")
    [org] = db_rows(sandbox.database_path, "SELECT coordinator_id FROM organizations")
    assert org["coordinator_id"] == 9921


async def test_a_successor_who_left_meanwhile_is_asked_about_again(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9951, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    bek = await onboard(sandbox, 9952, "Bek")
    await bek.send(f"/start {await invite_link(ann)}")
    await ann.press("✅ Accept", ann.last)
    await ann.send("/forget")
    await ann.press("Bek")
    confirm = ann.last
    assert "«Women of Naryn» goes to Bek." in confirm.text

    await bek.send("/forget")  # meanwhile, Bek leaves the bot
    await bek.press("🗑 Yes, delete my data")

    await ann.press("🗑 Yes, delete my data", confirm)
    assert "no longer in it. Please choose again." in ann.last.text
    [org] = db_rows(sandbox.database_path, "SELECT name, coordinator_id FROM organizations")
    assert (org["name"], org["coordinator_id"]) == ("Women of Naryn", 9951), "nothing deleted"
    assert db_rows(sandbox.database_path, "SELECT id FROM users WHERE id = 9951")
    await ann.press("Close the organization")
    await ann.press("🗑 Yes, delete my data")
    assert db_rows(sandbox.database_path, "SELECT * FROM organizations") == []
    assert traces(sandbox.database_path, 9951) == []


async def test_a_place_at_an_event_already_over_promotes_nobody(sandbox):
    altynai = await organizer(sandbox, 9991)
    bek = await onboard(sandbox, 9992, "Bek")
    cem = await onboard(sandbox, 9993, "Cem")
    await announce(altynai, "Small workshop", end=None, capacity=1)
    for person in (bek, cem):
        card = next(m for m in person.messages if "Small workshop" in (m.text or ""))
        await person.press("✅ Going", card)
    sandbox.clock.now = datetime(2027, 6, 14, tzinfo=UTC)  # the workshop is over
    await bek.send("/forget")
    await bek.press("🗑 Yes, delete my data")
    assert not any("A place opened up" in (m.text or "") for m in cem.messages)
