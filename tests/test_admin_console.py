"""/admin, the admins' console: figures; appointing and removing organizers and experts by
choosing the person (a search by name or @username) or by a one-time link; blocking; an
ad-hoc broadcast with preview and progress; the audit log, paged and filtered."""

from __future__ import annotations

import re

from bot.sandbox.users import find_button
from tests.desk_flows import ask, expert, write_expert_profile
from tests.events_flows import appoint
from tests.flows import admin, card_for, onboard, register, registered_org
from tests.helpers import buttons, db_rows
from tests.test_roles import REFUSED

ORGANIZER = "🧑‍💼 Make an organizer"
EXPERT = "🎓 Make an expert"


async def _find(boss, query: str, pick: str) -> None:
    await boss.send("/admin")
    await boss.press("👥 People")
    await boss.send(query)
    await boss.press(pick)


async def _link(boss, role_button: str) -> str:
    await boss.send("/admin")
    await boss.press("🔗 Appointment link")
    await boss.press(role_button)
    found = re.search(r"\?start=(appoint_\S+)", boss.last.text)
    assert found, boss.last.text
    return found.group(1)


async def test_the_console_shows_the_networks_figures(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_001, "Ann")
    cem = await onboard(sandbox, 12_002, "Cem", "Kazakhstan")
    await registered_org(sandbox, boss, ann, "Women of Naryn", themes=("Youth",))
    await registered_org(
        sandbox, boss, cem, "Steppe Farmers", country="Kazakhstan", kind="Business association"
    )
    dana = await onboard(sandbox, 12_003, "Dana")
    await register(dana, "Dana Initiative")  # waits for a decision
    await dana.block()

    await boss.send("/admin")
    text = boss.last.text
    assert "Organizations: 2 approved, 1 waiting for a decision" in text
    assert "By country: Kyrgyzstan 1; Kazakhstan 1" in text
    assert "By type: Business association 1; NGO 1" in text
    assert "People: 4; 3 reachable, 1 blocked the bot; 0 blocked by admins" in text
    assert "Outbox:" in text and "in the last 24 hours" in text
    assert buttons(boss.last)[:4] == [
        "👥 People",
        "🔗 Appointment link",
        "📣 Broadcast",
        "📜 Audit log",
    ]


async def test_the_console_is_refused_to_everyone_but_admins(sandbox):
    ann = await onboard(sandbox, 12_011, "Ann")
    await ann.send("/admin")
    assert ann.last.text == REFUSED
    await ann.send("/start appoint_forged-token")
    assert "no longer valid" in ann.messages[-2].text
    assert db_rows(sandbox.database_path, "SELECT * FROM user_roles") == []


async def test_an_expert_appointed_by_search_writes_a_profile_approved_at_once(sandbox):
    boss = await admin(sandbox)
    gul = await onboard(sandbox, 12_021, "Gulzhan", "Kazakhstan")
    await _find(boss, "gulz", "Gulzhan")
    assert "Roles: member" in boss.last.text
    await boss.press(EXPERT)
    assert "Gulzhan is appointed an expert" in boss.last.text
    assert "Appointed an expert; has not written the profile yet." in boss.last.text
    assert "➖ Expert role" in buttons(boss.last)
    assert "appointed you an expert" in gul.last.text

    reviews_before = len(boss.messages)
    await write_expert_profile(gul, "Sociologist, twelve years of field surveys.")
    assert "you are an expert of the network now" in gul.last.text
    assert not any("Sociologist" in (m.text or "") for m in boss.messages[reviews_before:])
    [row] = db_rows(sandbox.database_path, "SELECT status FROM experts WHERE user_id = 12021")
    assert row["status"] == "approved"
    await gul.send("/queue")  # the expert's own command works at once
    assert gul.last.text != REFUSED

    await _find(boss, "Gulzhan", "Gulzhan")
    await boss.press("➖ Expert role")
    assert "Gulzhan is no longer an expert." in boss.last.text
    assert "removed your expert role" in gul.last.text
    [row] = db_rows(sandbox.database_path, "SELECT status FROM experts WHERE user_id = 12021")
    assert row["status"] == "rejected"
    await gul.send("/queue")
    assert gul.last.text == REFUSED
    actions = [r["action"] for r in db_rows(sandbox.database_path, "SELECT * FROM audit_log")]
    assert actions == ["expert.appoint", "expert.remove"]


async def test_a_pending_expert_application_is_approved_by_appointing_them(sandbox):
    boss = await admin(sandbox)
    timur = await onboard(sandbox, 12_031, "Timur", "Kazakhstan")
    await write_expert_profile(timur, "Economist, ten years of budget analysis.")
    await _find(boss, "Timur", "Timur")
    assert "An expert application is waiting for a decision." in boss.last.text
    await boss.press(EXPERT)
    assert "Timur is now an expert." in boss.last.text
    assert "You are now an expert of the network" in timur.last.text
    await boss.press("✅ Approve", card_for(boss, "Economist"))  # the review card, late
    [row] = db_rows(sandbox.database_path, "SELECT status FROM experts WHERE user_id = 12031")
    assert row["status"] == "approved"
    assert sum("You are now an expert" in (m.text or "") for m in timur.messages) == 1


async def test_an_appointment_link_works_once_for_a_week(sandbox):
    boss = await admin(sandbox)
    token = await _link(boss, "🧑‍💼 Organizer")
    assert "It works once, for 7 days." in boss.last.text

    olga = sandbox.user(12_041, "Olga", "en")  # never started the bot
    await olga.send(f"/start {token}")
    assert any("made you an organizer" in (m.text or "") for m in olga.messages)
    await olga.press("✓ ")  # then the newcomer's language and country, as at /start
    await olga.press("Kyrgyzstan")
    await olga.send("/newevent")
    assert olga.last.text != REFUSED
    assert "Olga opened your appointment link and is now an organizer." in boss.last.text

    bek = await onboard(sandbox, 12_042, "Bek")
    await bek.send(f"/start {token}")  # forwarded: used already
    assert any("no longer valid" in (m.text or "") for m in bek.messages)
    await bek.send("/newevent")
    assert bek.last.text == REFUSED

    late = await _link(boss, "🎓 Expert")
    sandbox.clock.advance(days=8)
    await bek.send(f"/start {late}")
    assert sum("no longer valid" in (m.text or "") for m in bek.messages) == 2
    roles = db_rows(sandbox.database_path, "SELECT user_id, role FROM user_roles")
    assert [(r["user_id"], r["role"]) for r in roles] == [(12_041, "organizer")]
    [audit] = db_rows(sandbox.database_path, "SELECT * FROM audit_log")
    assert (audit["action"], audit["detail"], audit["actor_id"]) == (
        "organizer.appoint",
        "link",
        boss.id,
    )


async def test_a_blocked_person_is_ignored_except_forget(sandbox):
    boss = await admin(sandbox)
    mallory = await onboard(sandbox, 12_051, "Mallory")
    await _find(boss, "mall", "Mallory")
    await boss.press("⛔ Block")
    assert "Blocked: the bot ignores this person now" in boss.last.text
    assert "⛔ Blocked by the admins" in boss.last.text

    seen = len(mallory.messages)
    old_menu = mallory.last_with_buttons()
    old_button = old_menu.buttons()[0]["callback_data"]
    await mallory.send("/help")
    await mallory.send("/register")
    await mallory.press(1, old_menu)
    assert len(mallory.messages) == seen

    await mallory.send("/forget")
    forget = mallory.last_with_buttons()
    await mallory.send("/help")  # the /forget question open does not open the rest
    await mallory.send("/register")
    await mallory.press_data(old_button, old_menu)  # a button of the menu before
    assert mallory.last_with_buttons() is forget
    await mallory.press("🗑 Yes, delete my data", forget)
    assert db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 12051") == []
    [block] = db_rows(sandbox.database_path, "SELECT * FROM blocked_people")
    assert block["user_id"] == 12_051  # being forgotten does not lift the block

    seen = len(mallory.messages)
    await mallory.send("/start")
    assert len(mallory.messages) == seen
    assert db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 12051") == [], (
        "nothing of a forgotten blocked person is stored again"
    )
    await boss.send("/admin")
    await boss.press("👥 People")
    await boss.send("Mallory")
    assert "Nobody found." in boss.last.text  # forgotten: no name to search by
    await boss.press("⛔ Blocked")  # the blocked are listed all the same
    await boss.press("Mallory")
    await boss.press("✅ Unblock")
    await mallory.send("/start")
    assert len(mallory.messages) == seen + 1  # welcomed again, as anyone new

    await _find(boss, "Admin", "Admin")  # admins are set in the settings, not blockable
    assert "⛔ Block" not in buttons(boss.last)
    actions = [r["action"] for r in db_rows(sandbox.database_path, "SELECT * FROM audit_log")]
    assert actions == ["person.block", "person.unblock"]


async def test_a_broadcast_reaches_its_audience_after_a_preview(sandbox):
    boss = await admin(sandbox)  # in Kazakhstan
    kyrgyz = [await onboard(sandbox, 12_060 + i, f"Person{i}") for i in range(3)]
    kazakh = await onboard(sandbox, 12_070, "Aida", "Kazakhstan")
    await kyrgyz[2].block()

    await boss.send("/admin")
    await boss.press("📣 Broadcast")
    await boss.send("x" * 2001)
    assert "too long" in boss.last.text
    await boss.send("The network meets in Almaty on 12 March.\n\nBring <your> plans & ideas.")
    await boss.press("📍 Countries")
    await boss.press("Kyrgyzstan")
    await boss.press("« Back")
    await boss.press("Done »")
    preview = boss.last.text
    assert "From the network's administrators" in preview
    assert "Bring <your> plans & ideas." in preview
    assert "Countries: Kyrgyzstan" in preview
    assert "It reaches 2 people." in preview
    assert "Not counted: 1 person in this audience has blocked the bot." in preview

    preview_message = boss.last_with_buttons()
    send = find_button(preview_message, "📤 Send to 2")["callback_data"]
    await boss.press_together(send, message=preview_message)  # a double tap
    await sandbox.app.sender.drained()
    for person in kyrgyz[:2]:
        got = [m for m in person.messages if "Almaty" in (m.text or "")]
        assert len(got) == 1 and "From the network's administrators" in got[0].text
    assert not any("Almaty" in (m.text or "") for m in kazakh.messages + boss.messages[-1:])
    await boss.press("🔄 Refresh")
    assert "Sent 2 of 2; waiting 0; not delivered 0." in boss.last.text
    assert "✅ Done." in boss.last.text
    [audit] = db_rows(sandbox.database_path, "SELECT * FROM audit_log")
    assert (audit["action"], audit["detail"]) == ("broadcast.send", "2")


async def test_the_audit_log_is_paged_and_filtered_by_action(sandbox):
    boss = await admin(sandbox)
    await onboard(sandbox, 12_081, "Olga")
    for _ in range(5):
        await appoint(boss, "Olga", ORGANIZER)
        await boss.press("➖ Organizer role")
    await boss.press("⛔ Block")

    await boss.send("/admin")
    await boss.press("📜 Audit log")
    page = boss.last.text
    assert "Page 1 of 2" in page
    assert page.count("organizer removed") + page.count("organizer appointed") == 7
    assert "person blocked" in page and "Admin → Olga" in page
    await boss.press("»")
    assert "Page 2 of 2" in boss.last.text
    assert boss.last.text.count("organizer") == 3
    await boss.press("⛔ Blocking")
    text = boss.last.text
    assert "Audit log: ⛔ Blocking" in text and "Page" not in text
    assert text.count("person blocked") == 1 and "organizer" not in text
    assert "✅ ⛔ Blocking" in buttons(boss.last)


async def test_blocking_takes_back_roles_and_what_the_person_held_and_silences_them(sandbox):
    boss = await admin(sandbox)
    gul = await expert(sandbox, boss, 12_091, "Gulzhan", "Sociologist, twelve years.")
    await appoint(boss, "Gulzhan", ORGANIZER)
    aida = await onboard(sandbox, 12_092, "Aida", "Kazakhstan")
    await ask(aida)
    await sandbox.app.sender.drained()
    card = next(m for m in reversed(gul.messages) if "✋ Take" in buttons(m))
    await gul.press("✋ Take", card)

    await _find(boss, "Gulzhan", "Gulzhan")
    await boss.press("⛔ Block")
    assert "Roles: member" in boss.last.text  # the organizer and expert roles went
    await sandbox.app.sender.drained()
    [request] = db_rows(sandbox.database_path, "SELECT status, expert_id FROM consultations")
    assert (request["status"], request["expert_id"]) == ("open", None)
    assert any("back" in (m.text or "").lower() for m in aida.messages[-2:])

    heard = len(gul.messages)
    await boss.send("/admin")
    await boss.press("📣 Broadcast")
    await boss.send("The network meets in Almaty on 12 March.")
    await boss.press("Done »")
    await boss.press("📤 Send to 2")  # the admin and Aida; not the blocked person
    await sandbox.app.sender.drained()
    assert len(gul.messages) == heard
    assert any("Almaty" in (m.text or "") for m in aida.messages)


async def test_a_link_opened_by_someone_who_has_the_role_stays_for_its_person(sandbox):
    boss = await admin(sandbox)
    olga = await onboard(sandbox, 12_101, "Olga")
    await appoint(boss, "Olga", ORGANIZER)
    token = await _link(boss, "🧑‍💼 Organizer")
    await olga.send(f"/start {token}")
    assert any("You are already an organizer." in (m.text or "") for m in olga.messages[-3:])
    timur = await onboard(sandbox, 12_102, "Timur")
    await timur.send(f"/start {token}")
    assert any("made you an organizer" in (m.text or "") for m in timur.messages[-3:])
