"""Walks shared by the event tests: appointing an organizer and announcing an event, done
through the bot as people do it."""

from __future__ import annotations

from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from tests.flows import admin, onboard


async def organizer(
    sandbox: SandboxHarness, user_id: int, name: str = "Altynai", boss: SandboxUser | None = None
) -> SandboxUser:
    boss = boss or await admin(sandbox)
    person = await onboard(sandbox, user_id, name)
    await appoint(boss, name, "🧑‍💼 Make an organizer")
    return person


async def appoint(boss: SandboxUser, query: str, button: str, pick: str | None = None) -> None:
    """The admin finds the person by `query` (a part of the name or @username) in /admin,
    picks them (`pick`: the label, by default the query; the newest person comes first)
    and presses `button` on their card."""
    await boss.send("/admin")
    await boss.press("👥 People")
    await boss.send(query)
    await boss.press(pick or query)
    await boss.press(button)


async def announce(
    org: SandboxUser,
    title: str,
    *,
    kind: str = "Seminar or workshop",
    start: str = "13.06.2027 09:00",
    end: str | None = "17.06.2027 18:00",
    tbc: bool = False,
    place: str | None = "Bishkek, Hyatt",
    link: str | None = None,
    contact: str | None = None,
    milestones: tuple[tuple[str, str, str | None], ...] = (),
    countries: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    capacity: int | None = None,
    questions: tuple[tuple[str, tuple[str, ...]], ...] = (),
    apply_by: str | None = None,
    zone: str | None = None,
    publish: bool = True,
) -> None:
    await org.send("/newevent")
    await org.press(kind)
    await org.send(title)
    await org.send("Five days on coalitions, data-driven advocacy and joint campaigns.")
    if zone is not None:  # the event's own time zone, e.g. "GMT+05:00, Uzbekistan"
        await org.press("🌐 Another time zone")
        await org.press(zone)
        assert f"in the event's time zone ({zone})" in org.last.text
    await org.send(start)
    if end is None:
        await org.press("Skip »")
    else:
        await org.send(end)
    await org.press("❔ To be confirmed" if tbc else "✅ Confirmed")
    for answer in (place, link, contact):
        if answer is None:
            await org.press("Skip »")
        else:
            await org.send(answer)
    for step, due, url in milestones:
        await org.press("➕ Add a key date")
        await org.send(step)
        await org.send(due)
        if url is None:
            await org.press("No link »")
        else:
            await org.send(url)
    await org.press("Done »")
    if countries:
        await org.press("📍 Countries")
        for country in countries:
            await org.press(country)
        await org.press("« Back")
    if themes:
        await org.press("🏷 Themes")
        for theme in themes:
            await org.press(theme)
        await org.press("« Back")
    await org.press("Done »")
    if capacity is None:
        await org.press("No limit »")
    else:
        await org.send(str(capacity))
    for text, options in questions:
        await org.press("➕ Add a question")
        await org.send(text)
        if options:
            await org.send("\n".join(options))
        else:
            await org.press("Free text »")
    await org.press("Done »")
    if questions:
        assert apply_by is not None
        await org.send(apply_by)
    if publish:
        await org.press("📣 Publish")


CALL = "Selection of coalitions"


async def call_with_one_application(
    sandbox: SandboxHarness, org: SandboxUser, applicant: SandboxUser
) -> None:
    """The organizer opens a call with one question; `applicant` answers it from the
    announcement."""
    await announce(
        org,
        CALL,
        kind="Call for applications",
        end=None,
        questions=(("Your coalition's name?", ()),),
        apply_by="01.06.2027",
    )
    await sandbox.app.sender.drained()
    card = next(m for m in applicant.messages if CALL in (m.text or "") and m.buttons())
    await applicant.press("📝 Apply", card)
    await applicant.send("Naryn Civic Coalition")
    await applicant.press("📨 Send the application")
