"""/expert: themes, countries, languages, bio; admin approval; pause and resume."""

from __future__ import annotations

from tests.flows import admin, card_for, onboard
from tests.helpers import buttons, db_rows


async def _apply(expert) -> None:
    await expert.send("/expert")
    await expert.press("Done »")
    assert "Please choose at least one." in expert.last.text
    await expert.press("Data-driven advocacy")
    await expert.press("Youth")
    await expert.press("Done »")
    await expert.press("Kazakhstan")
    await expert.press("Uzbekistan")
    await expert.press("Done »")
    await expert.press("Русский")
    await expert.press("English")
    await expert.press("Done »")
    await expert.send("🙂")
    assert "emoji and symbols alone are not enough" in expert.last.text
    await expert.send("Sociologist; twelve years of surveys of civil society in Central Asia.")
    await expert.press("📨 Submit")


async def test_an_expert_registers_is_approved_and_can_pause(sandbox):
    boss = await admin(sandbox)
    gulzhan = await onboard(sandbox, 9001, "Gulzhan", "Kazakhstan")
    await _apply(gulzhan)
    assert "Expert profile sent" in gulzhan.last.text

    card = card_for(boss, "Sociologist")
    assert "Expert to review" in card.text
    assert "Themes: Data-driven advocacy; Youth" in card.text
    assert "Countries: Kazakhstan, Uzbekistan" in card.text
    await boss.press("✅ Approve", card)
    assert "You are now an expert of the network" in gulzhan.last.text
    await gulzhan.send("/help")
    assert "expert" in gulzhan.last.text

    await gulzhan.send("/expert")
    assert "You are an expert and receive consultation requests." in gulzhan.last.text
    await gulzhan.press("⏸ Pause requests")
    assert "requests are paused" in gulzhan.last.text
    [row] = db_rows(sandbox.database_path, "SELECT status, available FROM experts")
    assert (row["status"], row["available"]) == ("approved", 0)
    await gulzhan.press("▶️ Resume requests")
    [row] = db_rows(sandbox.database_path, "SELECT available FROM experts")
    assert row["available"] == 1
    [row] = db_rows(sandbox.database_path, "SELECT language FROM expert_languages LIMIT 1")
    assert row["language"] in ("ru", "en")


async def test_an_expert_edit_keeps_the_other_answers(sandbox):
    await admin(sandbox)
    gulzhan = await onboard(sandbox, 9002, "Gulzhan", "Kazakhstan")
    await _apply(gulzhan)
    await gulzhan.send("/expert")
    assert "waiting for the administrators' review" in gulzhan.last.text
    await gulzhan.press("✏️ Edit the profile")
    await gulzhan.press("✅ Youth")  # untick
    await gulzhan.press("Done »")
    summary = gulzhan.last.text
    assert "Themes: Data-driven advocacy" in summary and "Youth" not in summary
    assert "Countries: Kazakhstan, Uzbekistan" in summary
    assert "📨 Submit" in buttons(gulzhan.last)
