"""One user action, one transaction: a crash injected between the steps of publishing,
cancelling or a promotion from the waiting list leaves nothing half-done (the person is told
something went wrong, and can do it again); what was committed is delivered by the outbox,
also when the process stopped before sending it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.events import CANCELLED, PROMOTED
from tests.events_flows import announce, organizer
from tests.flows import onboard
from tests.helpers import db_rows

SORRY = "Sorry, something went wrong on our side."


class Crash(RuntimeError):
    pass


@pytest.fixture
def crash_on(sandbox):
    """Make the outbox fail when a campaign of `kind` is written: the last step of the
    action, after its domain rows."""

    def arm(kind: str | None) -> None:
        repo = sandbox.app.services.outbox._repo
        real = type(repo).create_campaign

        async def create_campaign(self, campaign_kind, **kwargs):
            if kind is None or campaign_kind == kind:
                raise Crash(f"injected while writing {campaign_kind}")
            return await real(self, campaign_kind, **kwargs)

        repo.create_campaign = create_campaign.__get__(repo)

    def disarm() -> None:
        repo = sandbox.app.services.outbox._repo
        repo.__dict__.pop("create_campaign", None)

    arm.disarm = disarm
    return arm


# the admins' alert of the unexpected error is a campaign of its own, not part of the
# action; so is the organizer's notice of their appointment, before it
_OTHERS = "('ops.error', 'staff.appointed')"
_ACTION_ROWS = {
    "campaigns": f"SELECT * FROM campaigns WHERE kind NOT IN {_OTHERS}",
    "outbox": "SELECT o.* FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
    f"WHERE c.kind NOT IN {_OTHERS}",
}


def _count(sandbox, table: str) -> int:
    return len(db_rows(sandbox.database_path, _ACTION_ROWS.get(table, f"SELECT * FROM {table}")))


async def test_a_crash_while_publishing_stores_nothing_and_publish_works_again(sandbox, crash_on):
    altynai = await organizer(sandbox, 10_001)
    ann = await onboard(sandbox, 10_002, "Ann")
    crash_on("event.announce")
    await announce(altynai, "Regional forum", kind="Conference", end=None)
    assert SORRY in altynai.last.text
    for table in ("events", "event_milestones", "event_reminders", "campaigns", "outbox"):
        assert _count(sandbox, table) == 0, f"nothing half-done in {table}"
    assert not any("Regional forum" in (m.text or "") for m in ann.messages)

    crash_on.disarm()
    await altynai.press("📣 Publish", altynai.last_with_buttons())  # the preview is still there
    assert any("Published." in m.text for m in altynai.messages[-3:])
    assert any("Regional forum" in (m.text or "") for m in ann.messages)
    [event] = db_rows(sandbox.database_path, "SELECT status FROM events")
    assert event["status"] == "published"
    assert _count(sandbox, "event_reminders") == 2


async def test_a_crash_while_cancelling_leaves_the_event_as_it_was(sandbox, crash_on):
    altynai = await organizer(sandbox, 10_101)
    ann = await onboard(sandbox, 10_102, "Ann")
    await announce(altynai, "Donor briefing", kind="Info meeting", end=None)
    card = next(m for m in ann.messages if "Donor briefing" in (m.text or ""))
    await ann.press("✅ Going", card)
    reminders = _count(sandbox, "event_reminders")

    crash_on(CANCELLED)
    await altynai.send("/myevents")
    await altynai.press("Donor briefing")
    await altynai.press("❌ Cancel the event")
    await altynai.press("❌ Yes, cancel it")
    assert SORRY in altynai.last.text
    [event] = db_rows(sandbox.database_path, "SELECT status, version FROM events")
    assert (event["status"], event["version"]) == ("published", 1)
    assert _count(sandbox, "event_reminders") == reminders, "the reminders are still planned"
    assert not any("is cancelled" in (m.text or "") for m in ann.messages)

    crash_on.disarm()
    await altynai.send("/myevents")
    await altynai.press("Donor briefing")
    await altynai.press("❌ Cancel the event")
    await altynai.press("❌ Yes, cancel it")
    assert "is cancelled" in ann.last.text
    [event] = db_rows(sandbox.database_path, "SELECT status FROM events")
    assert event["status"] == "cancelled"


async def test_a_crash_in_a_promotion_keeps_both_answers_as_they_were(sandbox, crash_on):
    altynai = await organizer(sandbox, 10_201)
    ann = await onboard(sandbox, 10_202, "Ann")
    bek = await onboard(sandbox, 10_203, "Bek")
    await announce(altynai, "Small workshop", end=None, capacity=1)
    ann_card = next(m for m in ann.messages if "Small workshop" in (m.text or ""))
    bek_card = next(m for m in bek.messages if "Small workshop" in (m.text or ""))
    await ann.press("✅ Going", ann_card)
    await bek.press("✅ Going", bek_card)  # the waiting list

    crash_on(PROMOTED)
    await ann.press("✖ Not going", ann_card)
    assert SORRY in ann.last.text
    rows = db_rows(
        sandbox.database_path, "SELECT user_id, status FROM event_responses ORDER BY user_id"
    )
    assert [(r["user_id"], r["status"]) for r in rows] == [(10_202, "going"), (10_203, "waitlist")]
    assert not any("A place opened up" in (m.text or "") for m in bek.messages)

    crash_on.disarm()
    await ann.press("✖ Not going", ann_card)
    rows = db_rows(
        sandbox.database_path, "SELECT user_id, status FROM event_responses ORDER BY user_id"
    )
    assert [(r["user_id"], r["status"]) for r in rows] == [
        (10_202, "not_going"),
        (10_203, "going"),
    ]
    assert "A place opened up" in bek.last.text


async def test_what_was_committed_is_delivered_after_the_process_stopped(sandbox):
    """The action committed its notifications; the process went away before sending them
    (simulated: the sender stopped); the next process sends them."""
    altynai = await organizer(sandbox, 10_301)
    ann = await onboard(sandbox, 10_302, "Ann")
    await sandbox.app.sender.stop()
    await announce(altynai, "Webinar on open data", kind="Webinar", end=None)
    assert not any("Webinar on open data" in (m.text or "") for m in ann.messages)
    [row] = db_rows(sandbox.database_path, "SELECT status FROM outbox WHERE user_id = 10302")
    assert row["status"] == "queued"

    await sandbox.restart_bot()
    await sandbox.app.sender.drained()
    assert [m for m in ann.messages if "Webinar on open data" in (m.text or "")]


async def test_a_reminder_and_its_campaign_are_one_transaction(sandbox, crash_on):
    altynai = await organizer(sandbox, 10_401)
    ann = await onboard(sandbox, 10_402, "Ann")
    await announce(altynai, "Coalition meetup", kind="Other event", end=None)
    card = next(m for m in ann.messages if "Coalition meetup" in (m.text or ""))
    await ann.press("✅ Going", card)
    sandbox.clock.now = datetime(2027, 6, 12, 3, 0, tzinfo=UTC)  # the day before

    crash_on("event.reminder.day")
    with pytest.raises(Crash):
        await sandbox.app.ticker.tick(sandbox.clock())
    [reminder] = db_rows(
        sandbox.database_path, "SELECT sent_at FROM event_reminders WHERE kind = 'day'"
    )
    assert reminder["sent_at"] is None, "not marked sent: the next tick sends it"

    crash_on.disarm()
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 1
    await sandbox.app.sender.drained()
    assert ann.last.text.startswith("⏰ Tomorrow: «Coalition meetup»")
