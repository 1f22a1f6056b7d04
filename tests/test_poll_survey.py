"""The expert survey of the seeds, run through the bot: an organizer writes the question
on the regional structure's name with /newpoll and sends it to 59 experts in the five
countries; they answer with a tap as the survey counted (23 Совет, 10 Форум, 9 Платформа,
3 Комитет, 3 Центр, 1 Площадка, 10 silent), some after changing their minds; the results
table is the survey's own, percentages, «no answer» row and total; the reminder reaches
the 10 silent once, also after a restart; the organizer breaks the answers down by
country; at closing those who answered get the results and the buttons go."""

from __future__ import annotations

from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from tests.desk_flows import expert
from tests.events_flows import organizer
from tests.flows import admin
from tests.helpers import buttons

COUNTRIES = {
    "Kazakhstan": 15,
    "Kyrgyzstan": 14,
    "Uzbekistan": 12,
    "Tajikistan": 10,
    "Turkmenistan": 8,
}
OPTIONS = ["Совет", "Форум", "Платформа", "Комитет", "Центр", "Площадка"]
ANSWERS = {"Совет": 23, "Форум": 10, "Платформа": 9, "Комитет": 3, "Центр": 3, "Площадка": 1}
SURVEY_TABLE = [
    "Совет — 23 — 39.0%",
    "Форум — 10 — 16.9%",
    "No answer — 10 — 16.9%",
    "Платформа — 9 — 15.3%",
    "Комитет — 3 — 5.1%",
    "Центр — 3 — 5.1%",
    "Площадка — 1 — 1.7%",
    "Total — 59 — 100.0%",
]


async def _experts(sandbox: SandboxHarness, boss: SandboxUser) -> list[SandboxUser]:
    people = []
    for country, count in COUNTRIES.items():
        for _ in range(count):
            number = len(people)
            people.append(
                await expert(
                    sandbox,
                    boss,
                    15_000 + number,
                    f"Expert {number}",
                    f"Expert {number} studies civil society cooperation.",
                    country,
                )
            )
    assert len(people) == 59
    return people


def _card(person: SandboxUser):
    return next(m for m in reversed(person.messages) if "regional structure" in (m.text or ""))


async def test_the_seed_survey_through_the_bot(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 15_900, "Olga", boss)
    experts = await _experts(sandbox, boss)

    await olga.send("/newpoll")
    await olga.send("Name of the regional structure of CSOs?")
    await olga.press("🔘 One choice")
    await olga.send("\n".join(OPTIONS))
    await olga.press("Done »")
    await olga.press("👤 Named")
    await olga.press("👤 Roles")
    await olga.press("Experts")
    await olga.press("« Back")
    await olga.press("Done »")
    await olga.press("In a week")
    await olga.press("24 hours before closing")
    await olga.press("✅ Yes, send them")
    assert "It will be sent to 59 people now." in olga.last.text
    await olga.press("📤 Send")
    await sandbox.app.sender.drained()

    # the answers, one tap each; the first two pick «Форум» before settling on «Совет»
    answering = iter(experts)
    for option, count in ANSWERS.items():
        for _ in range(count):
            person = next(answering)
            await person.press(option, _card(person))
    silent = list(answering)
    assert len(silent) == 10
    for person in experts[:2]:
        card = _card(person)
        await person.press("Форум", card)
        assert buttons(card)[1] == "✓ Форум"
        await person.press("Совет", card)
        assert buttons(card)[0] == "✓ Совет"

    await olga.send("/polls")
    assert "answered 49 of 59" in olga.last.text
    await olga.press("#1 Name of the regional structure of CSOs?")
    table = olga.last.text.split("Name of the regional structure of CSOs?\n", 2)[-1]
    assert table.splitlines()[: len(SURVEY_TABLE)] == SURVEY_TABLE

    # by country: the first 15 experts are in Kazakhstan, all of them answered
    await olga.press("📍 By country")
    breakdown = olga.last.text
    assert "Kazakhstan: answered 15" in breakdown
    assert "Turkmenistan: answered 8" not in breakdown, "the silent are the last ten"
    await olga.press("« Results")

    # the reminder: once, to the ten silent, not again after a restart
    sandbox.clock.advance(days=6, hours=1)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()

    def reminded(person: SandboxUser) -> int:
        return sum("⏰" in (m.text or "") for m in person.messages)

    assert [reminded(p) for p in silent] == [1] * 10
    assert not any(reminded(p) for p in experts[:49])
    await sandbox.restart_bot()
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    assert [reminded(p) for p in silent] == [1] * 10

    # closing: the results to the 49 who answered, none to the silent; buttons gone
    sandbox.clock.advance(days=1)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    results = [m for m in experts[0].messages if "the results" in (m.text or "")]
    assert len(results) == 1 and "Совет — 23 — 39.0%" in results[0].text
    assert not [m for m in silent[0].messages if "the results" in (m.text or "")]
    assert buttons(_card(experts[0])) == [] and buttons(_card(silent[0])) == []
