"""What reaches a person and when: /settings changes it (at once, in the digest only, off;
quiet hours hold a message until morning), the digest gathers every kind of item with a
button to open each, an empty one is not sent, organizers get their week, and each digest
comes once at the person's hour across restarts, late or doubled ticks, a change of time
zone and a daylight-saving change."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.domain.polls import DraftQuestion, QuestionKind
from bot.domain.recommendations import DraftRecommendation, DraftSection, Group, RecDraft
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from bot.ui.html import shorten
from bot.ui.settings import hour_text
from tests.desk_flows import ask as ask_expert
from tests.desk_flows import expert, write
from tests.events_flows import announce, organizer
from tests.flows import admin, onboard, propose, registered_org
from tests.helpers import buttons, db_rows
from tests.test_forget import traces

POLL_Q = "Which priority theme should the next school cover?"


async def _digest_daily(person: SandboxUser, hour: int = 9) -> None:
    await person.send("/settings")
    await person.press("📰 Digest")
    await person.press("📰 Every day")
    await person.press(hour_text(hour, "en"))
    assert "✅ Digest set." in person.last.text


async def _set_kind(person: SandboxUser, name: str, taps: int) -> None:
    """Tap a kind of notification `taps` times: at once → digest only → off."""
    await person.send("/settings")
    await person.press("🔔 Notifications")
    for _ in range(taps):
        label = next(b for b in buttons(person.last) if b.startswith(name + ":"))
        await person.press(label)


async def _poll(sandbox: SandboxHarness, olga: SandboxUser, days: int = 14) -> None:
    person = await sandbox.app.services.people.find(olga.id)
    now = sandbox.clock()
    await sandbox.app.services.polls.send(
        person,
        "",
        [DraftQuestion(QuestionKind.SINGLE, POLL_Q, ["Inclusion", "Ecology", "Data"])],
        {},
        now + timedelta(days=days),
        now,
        anonymous=False,
        results_public=True,
    )
    await sandbox.app.sender.drained()


async def _tick(sandbox: SandboxHarness, **delta: float) -> None:
    if delta:
        sandbox.clock.advance(**delta)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()


def _digests(person: SandboxUser) -> list:
    return [m for m in person.messages if (m.text or "").startswith("📰 Your digest")]


def _schedule(sandbox: SandboxHarness, user_id: int):
    [row] = db_rows(
        sandbox.database_path,
        "SELECT next_digest_at, last_digest_at FROM notification_settings WHERE user_id = ?",
        (user_id,),
    )
    return row


async def test_each_kind_comes_at_once_in_the_digest_only_or_not_at_all(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 21_001, "Olga", boss)
    aida = await onboard(sandbox, 21_002, "Aida", "Kazakhstan")
    bek = await onboard(sandbox, 21_003, "Bek")
    cem = await onboard(sandbox, 21_004, "Cem")

    await _set_kind(aida, "📅 Events", 1)
    assert "📅 Events: in the digest only" in buttons(aida.last)
    assert "Your daily digest is on" in aida.last.text, "digest only, with no digest, turns one on"
    await _set_kind(bek, "📅 Events", 2)
    assert "📅 Events: off" in buttons(bek.last)

    await announce(olga, "School of coalitions", start="13.06.2027 09:00")
    await sandbox.app.sender.drained()
    assert any("School of coalitions" in (m.text or "") for m in cem.messages), "at once"
    assert not any("School of coalitions" in (m.text or "") for m in aida.messages)
    assert not any("School of coalitions" in (m.text or "") for m in bek.messages)
    queued = db_rows(
        sandbox.database_path,
        "SELECT o.user_id FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
        "WHERE c.kind = 'event.announce'",
    )
    assert {r["user_id"] for r in queued} == {boss.id, cem.id}, "nothing kept for the others"

    # Aida's digest at 09:00 in Kazakhstan (04:00 UTC) the next morning has it
    await _tick(sandbox, hours=23, minutes=59)
    assert _digests(aida) == []
    await _tick(sandbox, minutes=1)
    [digest] = _digests(aida)
    assert "📅 New events" in digest.text and "School of coalitions" in digest.text
    assert buttons(digest) == ["📅 School of coalitions", "⚙️ Settings"]
    await aida.press("📅 School of coalitions", digest)
    assert "School of coalitions" in aida.last.text and "✅ Going" in buttons(aida.last)
    await aida.press("✅ Going")
    assert not any("School of coalitions" in (m.text or "") for m in bek.messages), "off is off"

    # an urgent notice about an event Aida answered skips «digest only»
    await olga.send("/myevents")
    await olga.press("School of coalitions")
    await olga.press("❌ Cancel the event")
    await olga.press("❌ Yes, cancel it")
    await sandbox.app.sender.drained()
    assert "cancelled" in aida.last.text.lower()


async def test_quiet_hours_hold_a_message_until_morning(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 22_001, "Olga", boss)
    aida = await onboard(sandbox, 22_002, "Aida", "Kazakhstan")
    await aida.send("/settings")
    await aida.press("🌙 Quiet hours")
    quiet = next(b for b in buttons(aida.last) if b.startswith(hour_text(22, "en")))
    await aida.press(quiet)
    assert "✅ Quiet hours set." in aida.last.text
    seen = len(aida.messages)

    # 23:00 in Kazakhstan (UTC+5)
    sandbox.clock.now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    await announce(olga, "Night announcement")
    await sandbox.app.sender.drained()  # held messages do not count as waiting
    assert len(aida.messages) == seen
    [row] = db_rows(
        sandbox.database_path,
        "SELECT o.status, o.not_before FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
        "WHERE c.kind = 'event.announce' AND o.user_id = ?",
        (aida.id,),
    )
    assert row["status"] == "queued" and row["not_before"] == "2026-11-24T03:00:00+00:00"

    await _tick(sandbox, hours=8, minutes=59)  # 07:59 there
    assert len(aida.messages) == seen
    await _tick(sandbox, minutes=1)  # 08:00
    assert "Night announcement" in aida.last.text

    # lifting quiet hours lets what they hold go at once
    sandbox.clock.now = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
    await announce(olga, "Second night announcement")
    await sandbox.app.sender.drained()
    assert "Second night announcement" not in aida.last.text
    await aida.send("/settings")
    await aida.press("🌙 Quiet hours")
    await aida.press("✓ " + quiet)  # the current choice, marked
    await aida.send("/settings")
    await aida.press("🌙 Quiet hours")
    await aida.press("🔔 No quiet hours")
    await sandbox.app.sender.drained()
    assert any("Second night announcement" in (m.text or "") for m in aida.messages)


async def test_a_digest_gathers_every_kind_with_working_buttons(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 23_001, "Olga", boss)
    gulzhan = await expert(sandbox, boss, 23_002, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 23_003, "Aida")
    await registered_org(sandbox, boss, aida, "Naryn Women Alliance")
    talgat = await onboard(sandbox, 23_004, "Talgat")

    # an event Aida goes to, in four days
    await announce(olga, "Data clinic", start="27.11.2026 10:00", end=None)
    await sandbox.app.sender.drained()
    await aida.press("✅ Going", next(m for m in aida.messages if "Data clinic" in m.text))
    await _digest_daily(aida)  # 09:00 in Kyrgyzstan: 03:00 UTC
    await _set_kind(aida, "📅 Events", 1)
    await announce(olga, "School of coalitions")
    await _poll(sandbox, olga)
    person = await sandbox.app.services.people.find(olga.id)
    now = sandbox.clock()
    await sandbox.app.services.recommendations.send(
        person,
        RecDraft(
            title="Contribution of CSOs to regional development",
            source="Dialogue, Bishkek",
            sections=(
                DraftSection(
                    "Panel 1",
                    (DraftRecommendation("Plan with citizens.", frozenset({Group.CSO})),),
                ),
            ),
            deadline=now + timedelta(days=10),
        ),
        now,
    )
    # the set's message reaches Aida first: the request's theme buttons must be her last
    await sandbox.app.sender.drained()
    await ask_expert(aida)
    await sandbox.app.sender.drained()
    await gulzhan.press("✋ Take", gulzhan.last_with_buttons())
    await sandbox.app.sender.drained()
    await write(gulzhan, gulzhan.last_with_buttons(), "Publish counts only.")
    await registered_org(
        sandbox, boss, talgat, "Talas Youth Center", kind="Initiative group", themes=("Youth",)
    )
    await sandbox.app.sender.drained()

    await _tick(sandbox, hours=23)  # 03:00 UTC, 09:00 in Bishkek
    [digest] = _digests(aida)
    text = digest.text
    for part in (
        "📅 New events",
        "School of coalitions",
        "⏰ The next seven days",
        "«Data clinic» begins",
        "🗳 Polls waiting for your answer",
        POLL_Q,
        "📋 Recommendations waiting for your answer",
        "Contribution of CSOs to regional development (Naryn Women Alliance): "
        "1 recommendation to answer",
        "❓ Your consultation requests",
        "Request №1 (Data-driven advocacy): an expert took it, 1 new answer",
        "🏢 New organizations in your themes",
        "Talas Youth Center — Initiative group, Kyrgyzstan",
        "/settings",
    ):
        assert part in text, part
    assert "Naryn Women Alliance —" not in text, "not one's own organization"
    assert buttons(digest) == [
        "📅 School of coalitions",
        "⏰ Data clinic",
        shorten("🗳 " + POLL_Q, 48),
        "📋 Contribution of CSOs to regional development",
        "❓ Request №1",
        "🏢 Talas Youth Center",
        "⚙️ Settings",
    ]

    await aida.press(1, digest)
    assert "School of coalitions" in aida.last.text
    await aida.press(2, digest)
    assert "Data clinic" in aida.last.text
    await aida.press(3, digest)
    assert POLL_Q in aida.last.text and buttons(aida.last)[:3] == ["Inclusion", "Ecology", "Data"]
    await aida.press(4, digest)
    assert "Plan with citizens." in aida.last.text
    await aida.press(5, digest)
    assert "Publish counts only." in aida.last.text
    await aida.press(6, digest)
    assert "Talas Youth Center" in aida.last.text and "🤝 Propose partnership" in buttons(aida.last)
    await aida.press("⚙️ Settings", digest)
    assert "⚙️ Settings" in aida.last.text and "Digest: every day at" in aida.last.text
    assert buttons(digest)[-1] == "⚙️ Settings", "the digest keeps its buttons"


async def test_an_empty_digest_is_not_sent_and_its_day_moves_on(sandbox):
    aida = await onboard(sandbox, 24_001, "Aida", "Kazakhstan")
    await _digest_daily(aida)
    first = _schedule(sandbox, aida.id)["next_digest_at"]
    assert first == "2026-11-24T04:00:00+00:00"
    seen = len(aida.messages)
    await _tick(sandbox, days=1)
    assert len(aida.messages) == seen
    row = _schedule(sandbox, aida.id)
    assert row["next_digest_at"] == "2026-11-25T04:00:00+00:00"
    assert row["last_digest_at"] == "2026-11-24T04:00:00+00:00"


async def test_organizers_get_their_week_unless_they_turn_it_off(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 25_001, "Olga", boss)
    bek = await onboard(sandbox, 25_002, "Bek")
    await announce(olga, "School of coalitions")
    await sandbox.app.sender.drained()
    await bek.press("✅ Going", bek.last_with_buttons())
    await _poll(sandbox, olga, days=20)

    await _tick(sandbox)  # schedules it: Monday 09:00 in Bishkek, 03:00 UTC
    await _tick(sandbox, days=6, hours=22, minutes=59)
    assert not any("Your week" in (m.text or "") for m in olga.messages)
    await _tick(sandbox, minutes=1)
    week = olga.last
    assert week.text.startswith("📈 Your week")
    assert "School of coalitions" in week.text and "1 going or may come" in week.text
    assert f"{POLL_Q}: 0 of 2 answered (0%)" in week.text
    assert buttons(week) == ["📅 School of coalitions", shorten("📊 " + POLL_Q, 48), "⚙️ Settings"]
    assert not any("Your week" in (m.text or "") for m in bek.messages), "organizers only"

    await olga.send("/settings")
    await olga.press("📈 Weekly summary: on")
    assert "📈 Weekly summary: off" in buttons(olga.last)
    await _tick(sandbox, days=7)
    assert sum("Your week" in (m.text or "") for m in olga.messages) == 1


async def test_once_at_the_hour_across_restarts_late_and_double_ticks(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 26_001, "Olga", boss)
    aida = await onboard(sandbox, 26_002, "Aida", "Kazakhstan")
    await _poll(sandbox, olga, days=60)  # waits for Aida's answer in every digest
    await _digest_daily(aida)  # 09:00 Kazakhstan, 04:00 UTC

    # two ticks at once, past the hour: one digest
    sandbox.clock.advance(days=1)
    await asyncio.gather(
        sandbox.app.services.digests.send_due(sandbox.clock()),
        sandbox.app.services.digests.send_due(sandbox.clock()),
    )
    await sandbox.app.sender.drained()
    assert len(_digests(aida)) == 1
    await _tick(sandbox)
    assert len(_digests(aida)) == 1

    # a restart before the next hour: it comes once, at the hour
    await _tick(sandbox, hours=23)
    await sandbox.restart_bot()
    await _tick(sandbox, hours=1)
    assert len(_digests(aida)) == 2
    await sandbox.restart_bot()
    await _tick(sandbox, minutes=1)
    assert len(_digests(aida)) == 2

    # the bot down for two days and a half: one digest when it is back, then on time
    await _tick(sandbox, days=2, hours=12)
    assert len(_digests(aida)) == 3
    assert _schedule(sandbox, aida.id)["next_digest_at"] == "2026-11-28T04:00:00+00:00"

    # the clock set back by an hour sends nothing again
    sandbox.clock.advance(hours=-1)
    await _tick(sandbox)
    assert len(_digests(aida)) == 3


async def test_a_new_time_zone_moves_the_digest_without_a_second_one_that_day(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 27_001, "Olga", boss)
    aida = await onboard(sandbox, 27_002, "Aida", "Kazakhstan")
    await _poll(sandbox, olga, days=60)
    await _digest_daily(aida)
    await _tick(sandbox, days=1)  # 09:00 in Kazakhstan: today's digest
    assert len(_digests(aida)) == 1

    await aida.send("/settings")
    await aida.press("🕒 Time zone")
    await aida.send("Europe/Istanbul")  # 09:00 there is 06:00 UTC, later today
    assert "✅ Time zone changed." in aida.last.text
    assert _schedule(sandbox, aida.id)["next_digest_at"] == "2026-11-25T06:00:00+00:00"
    await _tick(sandbox, hours=2)
    assert len(_digests(aida)) == 1, "not twice in one day"
    await _tick(sandbox, days=1)
    assert len(_digests(aida)) == 2

    # a zone that does not exist is refused
    await aida.send("/settings")
    await aida.press("🕒 Time zone")
    await aida.send("Mars/Olympus")
    assert "No such time zone" in aida.last.text


async def test_a_daylight_saving_change_keeps_the_local_hour(sandbox):
    sandbox.clock.now = datetime(2027, 3, 12, 15, 0, tzinfo=UTC)
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 28_001, "Olga", boss)
    nora = await onboard(sandbox, 28_002, "Nora", "Other country")
    await _poll(sandbox, olga, days=20)
    await nora.send("/settings")
    await nora.press("🕒 Time zone")
    await nora.send("america/new_york")
    await _digest_daily(nora)
    # 09:00 EST on Saturday is 14:00 UTC; 09:00 EDT on Sunday (after the change) 13:00 UTC
    assert _schedule(sandbox, nora.id)["next_digest_at"] == "2027-03-13T14:00:00+00:00"
    await _tick(sandbox, hours=22, minutes=59)
    assert _digests(nora) == []
    await _tick(sandbox, minutes=1)
    assert len(_digests(nora)) == 1
    assert _schedule(sandbox, nora.id)["next_digest_at"] == "2027-03-14T13:00:00+00:00"
    await _tick(sandbox, hours=22, minutes=59)
    assert len(_digests(nora)) == 1
    await _tick(sandbox, minutes=1)
    assert len(_digests(nora)) == 2


async def test_settings_refuse_what_they_never_offered(sandbox):
    aida = await onboard(sandbox, 29_001, "Aida", "Kazakhstan")
    await aida.send("/settings")
    await aida.press("🕒 Time zone")
    await aida.send("x" * 5000)
    assert "No such time zone" in aida.last.text
    await aida.send("/settings")
    await aida.press("🔔 Notifications")
    query = await aida.press_data(
        aida.last.buttons()[0]["callback_data"].replace("events", "bogus")
    )
    assert query.answer_text, "a forged kind is answered, not obeyed"
    assert db_rows(sandbox.database_path, "SELECT * FROM notification_modes") == []


async def test_what_is_kept_for_the_digest_reaches_people_through_it(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 30_001, "Olga", boss)
    gulzhan = await expert(sandbox, boss, 30_002, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 30_003, "Aida")
    bek = await onboard(sandbox, 30_004, "Bek")
    await registered_org(sandbox, boss, aida, "Naryn Women Alliance")
    await registered_org(sandbox, boss, bek, "Osh Business Association")

    # the only matching expert keeps offers for her digest: the organizers are told at once
    await _set_kind(gulzhan, "❓ Consultation requests", 1)
    offers = len(gulzhan.messages)
    await ask_expert(aida)
    assert "No available expert matches it yet" in aida.last.text
    await sandbox.app.sender.drained()
    assert len(gulzhan.messages) == offers
    assert "No available expert matches this request" in olga.last.text

    await _set_kind(aida, "🗳 Polls", 1)  # and her daily digest at 09:00, 03:00 UTC
    await _poll(sandbox, olga)
    assert not any(POLL_Q in (m.text or "") for m in aida.messages)
    await propose(bek, "Naryn Women Alliance")
    await sandbox.app.sender.drained()

    await _tick(sandbox, hours=23)  # 03:00 UTC: Aida's; Gulzhan's at 04:00
    [digest] = _digests(aida)
    assert "Naryn Women Alliance: 1" in digest.text and POLL_Q in digest.text
    await aida.press("🤝 Naryn Women Alliance", digest)
    assert "1 proposal waits for your answer" in aida.last.text
    assert any("Osh Business Association" in b for b in buttons(aida.last))
    await aida.press(shorten("🗳 " + POLL_Q, 48), digest)
    await sandbox.app.sender.drained()
    assert POLL_Q in aida.last.text, "what the person asks for comes whatever the settings"
    assert buttons(aida.last)[:3] == ["Inclusion", "Ecology", "Data"]

    await _tick(sandbox, hours=1)
    [digest] = _digests(gulzhan)
    assert "1 request waits for an expert like you" in digest.text
    await gulzhan.press("🧑‍🏫 Requests to take", digest)
    assert "#1" in gulzhan.last.text and "Data-driven advocacy" in gulzhan.last.text


async def test_forget_takes_the_settings_and_the_digests_with_it(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 31_001, "Olga", boss)
    aida = await onboard(sandbox, 31_002, "Aida", "Kazakhstan")
    await _poll(sandbox, olga, days=30)
    await _digest_daily(aida)
    await aida.send("/settings")
    await aida.press("🎯 Themes")
    await aida.press("Youth")
    await aida.send("/settings")
    await aida.press("🌍 Countries")
    await aida.press("Kazakhstan")
    await aida.send("/settings")
    await aida.press("🌙 Quiet hours")
    await aida.press(next(b for b in buttons(aida.last) if b.startswith(hour_text(22, "en"))))
    overview = aida.last.text
    assert (
        "Themes of interest: Youth" in overview and "Countries of interest: Kazakhstan" in overview
    )
    await _tick(sandbox, days=1)
    assert len(_digests(aida)) == 1

    await aida.send("/forget")
    await aida.press("🗑 Yes, delete my data")
    assert "Your data has been deleted" in aida.last.text
    assert traces(sandbox.database_path, aida.id) == []
