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


async def test_rejecting_an_expert_and_cancelling_comes_back_to_the_card_not_the_help(sandbox):
    boss = await admin(sandbox)
    await boss.press("❓ Help")
    help_screen = boss.last
    assert "This bot helps" in help_screen.text and buttons(help_screen) == ["« Back"]
    gulzhan = await onboard(sandbox, 9003, "Gulzhan", "Kazakhstan")
    await _apply(gulzhan)
    card = card_for(boss, "Sociologist")
    decision = ["✅ Approve", "✖ Reject"]

    await boss.press("✖ Reject", card)
    question = boss.last
    assert "Why is it rejected?" in question.text
    assert buttons(card) == decision, "the card keeps its buttons while the reason is asked"
    sent = len(boss.messages)
    await boss.press("✖ Cancel", question)
    assert len(boss.messages) == sent, "no old screen is sent again"
    assert "Not rejected: the application still waits for your decision" in question.text
    assert buttons(question) == []
    assert buttons(card) == decision
    assert "This bot helps" in help_screen.text and buttons(help_screen) == ["« Back"]
    await boss.press("« Back", help_screen)
    assert "Main menu" in help_screen.text, "the screen under it still works, where it was"

    # the reason typed: the card shows the decision, nothing old comes back
    await boss.press("✖ Reject", card)
    question = boss.last
    await boss.send("Please name the surveys you led and for whom.")
    assert boss.last.text == "✖ Rejected. The applicant has been told the reason."
    assert buttons(card) == [] and buttons(question) == []
    assert not [
        m for m in boss.messages[sent:] if "Main menu" in m.text or "This bot helps" in m.text
    ]
    assert "Please name the surveys you led and for whom." in gulzhan.last.text
    [row] = db_rows(sandbox.database_path, "SELECT status, reject_reason FROM experts")
    assert (row["status"], row["reject_reason"]) == (
        "rejected",
        "Please name the surveys you led and for whom.",
    )


async def test_approving_while_a_reason_is_asked_closes_the_question(sandbox):
    boss = await admin(sandbox)
    gulzhan = await onboard(sandbox, 9004, "Gulzhan", "Kazakhstan")
    await _apply(gulzhan)
    card = card_for(boss, "Sociologist")
    await boss.press("✖ Reject", card)
    question = boss.last
    await boss.press("✅ Approve", card)
    assert boss.last.text == "✅ Approved. The applicant has been told."
    assert buttons(question) == [] and buttons(card) == []
    await boss.send("Second thoughts")
    assert "Rejected" not in boss.last.text and "already decided" not in boss.last.text
    [row] = db_rows(sandbox.database_path, "SELECT status FROM experts")
    assert row["status"] == "approved"


async def test_the_expert_form_hints_at_its_buttons_and_drops_a_warning_once_complied(sandbox):
    gulzhan = await onboard(sandbox, 9005, "Gulzhan", "Kazakhstan")
    await gulzhan.send("/expert")
    await gulzhan.send("Youth")
    assert "Please choose one of the options below." in gulzhan.last.text
    await gulzhan.press("Done »")
    assert "Please choose at least one." in gulzhan.last.text
    await gulzhan.press("Youth")
    assert "Please choose at least one." not in gulzhan.last.text
    assert "✅ Youth" in buttons(gulzhan.last)
    await gulzhan.press("Done »")
    assert "Which countries do you know well?" in gulzhan.last.text
