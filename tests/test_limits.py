"""Per-person limits on what costs others' attention or the bot's work: the action past
the limit is refused with a clear message in the person's language and nothing of it is
stored; the allowance comes back after 24 hours; admins have none."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.events import EventDetails
from bot.domain.polls import DraftQuestion, QuestionKind
from tests.events_flows import announce, organizer
from tests.flows import admin, onboard
from tests.helpers import db_rows

LIMIT_TEXT = "You have announced 10 events in the last 24 hours, as many as one person may."


def _details(now, title: str) -> EventDetails:
    return EventDetails(
        kind="seminar",
        title=title,
        description="Five days on coalitions.",
        starts_at=now + timedelta(days=30),
        ends_at=None,
        dates_tbc=False,
        timezone="Asia/Bishkek",
        place="Bishkek",
    )


async def test_the_eleventh_event_of_a_day_is_refused_and_the_allowance_comes_back(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 34_001, "Olga", boss)
    person = await sandbox.app.services.people.find(olga.id)
    for number in range(10):
        now = sandbox.clock()
        await sandbox.app.services.events.publish(person, _details(now, f"School {number}"), now)

    await announce(olga, "One too many", publish=False)
    query = await olga.press("📣 Publish")
    assert query.answer_text == f"{LIMIT_TEXT} Please try again later."
    titles = [r["title"] for r in db_rows(sandbox.database_path, "SELECT title FROM events")]
    assert len(titles) == 10 and "One too many" not in titles, "nothing of it stored"

    sandbox.clock.advance(hours=24, seconds=1)
    await olga.press("📣 Publish")
    assert "One too many" in {
        r["title"] for r in db_rows(sandbox.database_path, "SELECT title FROM events")
    }

    # the admin has no limit
    admin_person = await sandbox.app.services.people.find(boss.id)
    for number in range(11):
        now = sandbox.clock()
        await sandbox.app.services.events.publish(
            admin_person, _details(now, f"Admin's {number}"), now
        )


async def test_exports_are_limited_too_in_the_readers_language(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 34_101, "Olga", boss)
    await onboard(sandbox, 34_102, "Aida")
    await onboard(sandbox, 34_103, "Bek")
    person = await sandbox.app.services.people.find(olga.id)
    now = sandbox.clock()
    await sandbox.app.services.polls.send(
        person,
        "",
        [DraftQuestion(QuestionKind.SINGLE, "Which theme first?", ["Data", "Ecology"])],
        {},
        now + timedelta(days=3),
        now,
        anonymous=False,
        results_public=True,
    )
    await olga.send("/polls")
    await olga.press("Which theme first?")
    screen = olga.last
    files = len([m for m in olga.messages if m.document])
    for _ in range(30):
        await olga.press("📄 CSV", screen)
    assert len([m for m in olga.messages if m.document]) == files + 30
    query = await olga.press("📄 CSV", screen)
    assert query.answer_text == (
        "You have downloaded 30 files in the last 24 hours, as many as one person may. "
        "Please try again later."
    )
    assert len([m for m in olga.messages if m.document]) == files + 30
