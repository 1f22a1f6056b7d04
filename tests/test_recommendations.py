"""Answering recommendations for one's organization and following them up: the set reaches
the coordinators of the approved organizations of the groups it addresses; each
recommendation put to the organization has its screen, answered with a tap (a written
answer required for «in part» and «disagree», emoji alone refused); answers are revised
with a history; the silent are reminded once per planned moment, also across a restart;
a commitment is checked in on at its date until done, and the organizer told once when
it is overdue; the organizer's report, CSV and summary count what was answered; a
forged button, a late answer and a withdrawn set are refused. (Here the set is sent
through the service; /newrecs has its own tests.)"""

from __future__ import annotations

from datetime import timedelta

from bot.domain.recommendations import DraftRecommendation, DraftSection, Group, RecDraft
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from tests.events_flows import organizer
from tests.flows import admin, invite_link, onboard, registered_org
from tests.helpers import buttons, db_rows

BOTH = frozenset({Group.BUSINESS, Group.CSO})
REC_A = "Strengthen cooperation between CSOs and business associations."
REC_B = "Build your own capacity in digital literacy and security."
REC_C = "Support joint digital literacy programmes with CSOs."


async def _world(sandbox: SandboxHarness):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 16_001, "Olga", boss)
    aigul = await onboard(sandbox, 16_002, "Aigul")
    bakyt = await onboard(sandbox, 16_003, "Bakyt")
    talgat = await onboard(sandbox, 16_004, "Talgat")
    other = await onboard(sandbox, 16_005, "Other")
    await registered_org(sandbox, boss, aigul, "Naryn Women Alliance")
    await registered_org(
        sandbox, boss, bakyt, "Osh Business Association", kind="Business association"
    )
    await registered_org(sandbox, boss, talgat, "Talas Youth Center", kind="Initiative group")
    await registered_org(sandbox, boss, other, "Some Fund", kind="Other type")
    dilnoza = await onboard(sandbox, 16_006, "Dilnoza")
    await dilnoza.send(f"/start {await invite_link(aigul)}")
    await aigul.press("✅ Accept", aigul.last)
    return boss, olga, aigul, bakyt, talgat, other, dilnoza


async def _send(sandbox: SandboxHarness, olga: SandboxUser, **kw):
    person = await sandbox.app.services.people.find(olga.id)
    now = sandbox.clock()
    draft = RecDraft(
        title="Contribution of CSOs to regional development",
        source="Multi-stakeholder dialogue, Bishkek",
        sections=(
            DraftSection(
                "Panel 1: planning with citizens",
                (DraftRecommendation(REC_A, BOTH),),
            ),
            DraftSection(
                "Panel 3: data and digital participation",
                (
                    DraftRecommendation(REC_C, frozenset({Group.BUSINESS})),
                    DraftRecommendation(REC_B, frozenset({Group.CSO})),
                ),
            ),
        ),
        deadline=now + timedelta(days=10),
        **kw,
    )
    sent = await sandbox.app.services.recommendations.send(person, draft, now)
    await sandbox.app.sender.drained()
    return sent


def _invitation(person: SandboxUser):
    return next(m for m in reversed(person.messages) if "Contribution of CSOs" in (m.text or ""))


async def test_organizations_answer_each_recommendation_and_revise_with_a_history(sandbox):
    _boss, olga, aigul, bakyt, talgat, other, dilnoza = await _world(sandbox)
    sent = await _send(sandbox, olga)
    assert (sent.orgs, sent.people) == (3, 3), "three organizations, their coordinators"
    invitation = _invitation(aigul)
    assert "3 recommendations, addressed to: Business, CSOs." in invitation.text
    assert buttons(invitation) == ["📝 Answer"]
    assert _invitation(bakyt) and _invitation(talgat)
    assert not [m for m in other.messages + dilnoza.messages if "Contribution" in (m.text or "")]
    await talgat.send("/start")
    assert "📋 Recommendations (1)" in buttons(talgat.last), "the menu says a set waits"

    # Aigul (a CSO): two recommendations put to her organization, one screen each
    await aigul.press("📝 Answer", invitation)
    card = aigul.last
    assert "For: Naryn Women Alliance" in card.text
    assert "Recommendation 1 of 2 · answered 0" in card.text and REC_A in card.text
    await aigul.press("✅ Accept", card)
    assert "Recommendation 2 of 2 · answered 1" in card.text and REC_B in card.text
    await aigul.press("❌ Disagree", card)
    assert "why it disagrees" in aigul.last.text
    await aigul.send("🙂")
    assert "Please write it in words" in aigul.last.text
    await aigul.send("We propose a joint working group on digital safety instead.")
    assert aigul.last.text.startswith("✅ Saved: all 2 recommendations are answered.")
    assert "has answered all 2 recommendations" in card.text

    # she changes her mind on the first: «in part», with the words it needs; history kept
    await aigul.press("✏️ Review or change answers", card)
    assert "Recommendation 1 of 2 · answered 2" in card.text
    assert "Your organization's answer: ✅ Accept" in card.text
    await aigul.press("🟡 Accept in part", card)
    await aigul.send("We accept cooperation on advocacy, not on charity programmes.")
    assert "Recommendation 2 of 2 · answered 2" in card.text, "on through the review"
    await aigul.press("«", card)
    await aigul.press("🕘 History", card)
    history = aigul.last.text
    assert "1. " in history and "✅ Accept" in history
    assert "2. " in history and "🟡 Accept in part" in history
    assert "not on charity programmes" in history

    # Bakyt (business): commits to act, by a date that has not passed
    await bakyt.press("📝 Answer", _invitation(bakyt))
    card = bakyt.last
    assert REC_A in card.text and "Recommendation 1 of 2" in card.text
    await bakyt.press("🤝 Accept and commit to act", card)
    await bakyt.send("Host two joint trainings with CSOs in Osh.")
    await bakyt.send("01.01.2020")
    assert "Please give a date that has not passed yet." in bakyt.last.text
    await bakyt.send("15.12.2026")
    assert REC_C in card.text, "the next one opens in the same message"
    await bakyt.press("➖ Not applicable", card)
    # the same answer again, with a double tap: no new revision
    await bakyt.press("✏️ Review or change answers", card)
    await bakyt.press("»", card)
    await bakyt.press_together(
        next(b for b in card.buttons() if b["text"] == "➖ Not applicable")["callback_data"],
        2,
        card,
    )

    # a forged button for another organization's answer, and for a recommendation not
    # put to one's own: refused, nothing stored
    aigul_org = db_rows(
        sandbox.database_path, "SELECT id FROM organizations WHERE name = 'Naryn Women Alliance'"
    )[0]["id"]
    rec_c = db_rows(sandbox.database_path, "SELECT id FROM recommendations WHERE position = 1")[0][
        "id"
    ]
    query = await bakyt.press_data(f"rv:{sent.rec_set.id}:{aigul_org}:{rec_c}:accept", card)
    assert query.answer_text == "These recommendations were not sent to an organization of yours."
    query = await aigul.press_data(f"rv:{sent.rec_set.id}:{aigul_org}:{rec_c}:accept", card)
    assert query.answer_text == "These recommendations were not sent to an organization of yours."

    rows = db_rows(
        sandbox.database_path,
        "SELECT o.name, a.verdict, a.revision FROM rec_answers a "
        "JOIN organizations o ON o.id = a.org_id ORDER BY o.name, a.recommendation_id",
    )
    assert [(r["name"], r["verdict"], r["revision"]) for r in rows] == [
        ("Naryn Women Alliance", "partial", 2),
        ("Naryn Women Alliance", "disagree", 1),
        ("Osh Business Association", "accept", 1),
        ("Osh Business Association", "not_applicable", 1),
    ]

    # the organizer's report and CSV count exactly that
    await olga.send("/recs")
    await olga.press("#1 Contribution of CSOs to regional development")
    screen = olga.last
    report = screen.text
    assert "Answers given: 4 of 6 (66.7%)." in report
    assert "🟡 Naryn Women Alliance: «We accept cooperation on advocacy" in report
    assert "❌ Naryn Women Alliance: «We propose a joint working group" in report
    assert "Talas Youth Center: answered 0 of 2" in report
    await olga.press("📄 CSV")
    export = olga.last.document.content.decode("utf-8-sig").splitlines()
    assert len(export) == 1 + 4
    assert any("Host two joint trainings with CSOs in Osh." in line for line in export)

    # every revision in a CSV of its own, names of organizations only
    await olga.press("🕘 Revisions CSV", screen)
    revisions = olga.last.document.content.decode("utf-8-sig").splitlines()
    assert len(revisions) == 1 + 5, "Aigul's organization revised one answer once"
    assert not any("Aigul" in line or "Bakyt" in line for line in revisions)

    # the summary, to every addressee in their language; a double tap sends it once
    await olga.press("📣 Send a summary", screen)
    assert "Every addressee will receive this" in screen.text
    send_it = next(b for b in screen.buttons() if b["text"] == "📣 Send it")["callback_data"]
    await olga.press_together(send_it, 2, screen)
    await sandbox.app.sender.drained()
    [summary] = [m for m in talgat.messages if "the answers" in (m.text or "")]
    assert (
        "Of 2 recommendations to Business, 1 accepted by at least one of their organizations."
        in summary.text
    )
    assert (
        "Of 2 recommendations to CSOs, 1 accepted by at least one of their organizations."
        in summary.text
    )


async def test_the_silent_are_reminded_and_commitments_followed_to_done(sandbox):
    _boss, olga, aigul, bakyt, talgat, _other, dilnoza = await _world(sandbox)
    sent = await _send(sandbox, olga, include_members=True)
    assert sent.people == 4, "the coordinators and Dilnoza, a member"
    # Aigul's organization answers everything (Dilnoza, a member, gives the answers)
    await dilnoza.press("📝 Answer", _invitation(dilnoza))
    card = dilnoza.last
    await dilnoza.press("✅ Accept", card)
    await dilnoza.press("✅ Accept", card)
    # Bakyt answers one of two and commits
    await bakyt.press("📝 Answer", _invitation(bakyt))
    await bakyt.press("🤝 Accept and commit to act", bakyt.last)
    await bakyt.send("Host two joint trainings with CSOs in Osh.")
    due = (sandbox.clock() + timedelta(days=5)).strftime("%d.%m.%Y")
    await bakyt.send(due)

    def reminders(person: SandboxUser) -> int:
        return sum(
            "still wait for your organization's answers" in (m.text or "") for m in person.messages
        )

    async def tick(**delta) -> None:
        sandbox.clock.advance(**delta)
        await sandbox.app.ticker.tick(sandbox.clock())
        await sandbox.app.sender.drained()

    await tick(days=3, minutes=1)
    assert (reminders(bakyt), reminders(talgat), reminders(aigul), reminders(dilnoza)) == (
        1,
        1,
        0,
        0,
    ), "the silent and the half-way, not those who answered all"
    await sandbox.restart_bot()
    await tick(hours=1)
    assert (reminders(bakyt), reminders(talgat)) == (1, 1), "once per planned moment"

    # the commitment's date: a check-in to Bakyt's organization
    await tick(days=2)
    checkin = next(
        m for m in reversed(bakyt.messages) if "How does your commitment stand" in (m.text or "")
    )
    assert "Host two joint trainings with CSOs in Osh." in checkin.text
    query = await bakyt.press("🔄 In progress", checkin)
    assert query.answer_text == "Saved: 🔄 In progress. The bot will ask again in 14 days."
    assert "Now: 🔄 In progress" in checkin.text
    await bakyt.press("✍️ Add a note", checkin)
    await bakyt.send("The first training took place on Monday.")

    # past its date and not done: the organizer is told, once
    await tick(days=1, hours=1)
    overdue = [m for m in olga.messages if "A commitment is overdue" in (m.text or "")]
    assert len(overdue) == 1 and "Osh Business Association committed to" in overdue[0].text
    await tick(days=1)
    assert len([m for m in olga.messages if "A commitment is overdue" in (m.text or "")]) == 1

    # asked again after the interval; done: never again
    await tick(days=14)
    checkins = [m for m in bakyt.messages if "How does your commitment stand" in (m.text or "")]
    assert len(checkins) == 2
    query = await bakyt.press("✅ Done", checkins[-1])
    assert query.answer_text == "Saved: ✅ Done. Thank you!"
    await tick(days=30)
    assert (
        len([m for m in bakyt.messages if "How does your commitment stand" in (m.text or "")]) == 2
    )
    [row] = db_rows(sandbox.database_path, "SELECT status, note FROM rec_commitments")
    assert (row["status"], row["note"]) == ("done", "The first training took place on Monday.")

    # the deadline has passed: no more answers
    query = await talgat.press("📝 Answer", _invitation(talgat))
    assert query.answer_text == "Answers to these recommendations are closed."


async def test_a_withdrawn_set_takes_no_answer_and_a_person_outside_gets_nothing(sandbox):
    _boss, olga, aigul, _bakyt, _talgat, other, _dilnoza = await _world(sandbox)
    sent = await _send(sandbox, olga)
    query = await other.press_data(f"rec:answer:{sent.rec_set.id}:0:0", other.messages[-1])
    assert query.answer_text == "These recommendations were not sent to an organization of yours."
    await olga.send("/recs")
    await olga.press("#1 Contribution of CSOs to regional development")
    await olga.press("🗑 Withdraw")
    await olga.press("🗑 Yes, withdraw")
    query = await aigul.press("📝 Answer", _invitation(aigul))
    assert query.answer_text == "Answers to these recommendations are closed."
    await aigul.send("/recs")
    assert aigul.last.text == "No recommendations wait for your organization's answer."


async def test_an_organizer_no_longer_one_runs_no_set_and_a_done_commitment_stands(sandbox):
    boss, olga, _aigul, bakyt, _talgat, _other, _dilnoza = await _world(sandbox)
    await _send(sandbox, olga)
    await bakyt.press("📝 Answer", _invitation(bakyt))
    card = bakyt.last
    await bakyt.press("🤝 Accept and commit to act", card)
    await bakyt.send("Host two joint trainings with CSOs in Osh.")
    await bakyt.send((sandbox.clock() + timedelta(days=2)).strftime("%d.%m.%Y"))
    sandbox.clock.advance(days=3)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    checkin = next(
        m for m in reversed(bakyt.messages) if "How does your commitment stand" in (m.text or "")
    )
    await bakyt.press("✅ Done", checkin)
    # the verdict changed on its own: the commitment made stands, and an old button works
    await bakyt.press("«", card)
    assert REC_A in card.text
    await bakyt.press("🟡 Accept in part", card)
    await bakyt.send("We can host trainings, not fund them.")
    [row] = db_rows(
        sandbox.database_path,
        "SELECT a.verdict, a.commitment, c.status FROM rec_answers a JOIN rec_commitments c "
        "ON c.recommendation_id = a.recommendation_id AND c.org_id = a.org_id",
    )
    assert (row["verdict"], row["commitment"], row["status"]) == (
        "partial",
        "Host two joint trainings with CSOs in Osh.",
        "done",
    )
    query = await bakyt.press("🔄 In progress", checkin)
    assert query.answer_text.startswith("Saved: 🔄 In progress.")

    # Olga's report, then her role is removed: its buttons do nothing for her any more
    await olga.send("/recs")
    await olga.press("#1 Contribution of CSOs to regional development")
    report = olga.last
    await boss.send("/organizers")
    await boss.press("Olga")
    await boss.press("Remove")
    query = await olga.press("📄 CSV", report)
    assert query.answer_text == "This action is not available to you."
    await olga.press("📣 Send a summary", report)
    assert not [m for m in bakyt.messages if "the answers" in (m.text or "")]
