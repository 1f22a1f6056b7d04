"""Every privileged action is refused to the wrong role, whatever the client sends: forged
callback data, a command typed by hand. Each refusal is logged."""

from __future__ import annotations

import logging

import pytest

from bot.ui.callbacks import ExpertReview, JoinAnswer, OrgReview, PartnerAnswer
from tests.flows import admin, invite_link, onboard, propose, register, registered_org
from tests.helpers import buttons, db_rows

REFUSED = "This action is not available to you."
INVALID = "This button is no longer valid. Please open the screen again."


@pytest.fixture
def refusals(caplog):
    caplog.set_level(logging.WARNING, logger="bot.access")
    return caplog


def _refused(refusals, action: str) -> bool:
    return any(action in r.getMessage() for r in refusals.records)


@pytest.mark.parametrize(
    "data",
    [
        OrgReview(action="approve", org_id=1).pack(),
        OrgReview(action="reject", org_id=1).pack(),
    ],
)
async def test_only_admins_decide_organizations(sandbox, refusals, data):
    await admin(sandbox)
    ann = await onboard(sandbox, 9501, "Ann")
    await register(ann, "Women of Naryn")
    mallory = await onboard(sandbox, 9502, "Mallory")
    query = await mallory.press_data(data, mallory.last)
    assert query.answer_text == REFUSED
    assert _refused(refusals, "moderate organization")
    [org] = db_rows(sandbox.database_path, "SELECT status FROM organizations")
    assert org["status"] == "pending"
    assert db_rows(sandbox.database_path, "SELECT * FROM audit_log") == []


async def test_only_admins_decide_experts(sandbox, refusals):
    await admin(sandbox)
    eva = await onboard(sandbox, 9511, "Eva")
    await eva.send("/expert")
    await eva.press("Youth")
    await eva.press("Done »")
    await eva.press("Kyrgyzstan")
    await eva.press("Done »")
    await eva.press("English")
    await eva.press("Done »")
    await eva.send("Youth worker for ten years in the Naryn region.")
    await eva.press("📨 Submit")
    query = await eva.press_data(ExpertReview(action="approve", user_id=9511).pack(), eva.last)
    assert query.answer_text == REFUSED
    assert _refused(refusals, "moderate expert")
    [row] = db_rows(sandbox.database_path, "SELECT status FROM experts")
    assert row["status"] == "pending"


async def test_only_the_coordinator_answers_a_join_request(sandbox, refusals):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9521, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    bek = await onboard(sandbox, 9522, "Bek")
    await bek.send(f"/start {await invite_link(ann)}")
    [request] = db_rows(sandbox.database_path, "SELECT id FROM join_requests")
    forged = JoinAnswer(action="accept", request_id=request["id"]).pack()
    query = await bek.press_data(forged, bek.last)  # accepting oneself
    assert query.answer_text == REFUSED
    assert _refused(refusals, "decide join request")
    assert not db_rows(
        sandbox.database_path, "SELECT * FROM organization_members WHERE user_id = 9522"
    )


async def test_only_the_addressed_coordinator_answers_a_proposal(sandbox, refusals):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9531, "Ann")
    cem = await onboard(sandbox, 9532, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await propose(cem, "Women of Naryn")
    [row] = db_rows(sandbox.database_path, "SELECT id FROM partnerships")
    forged = PartnerAnswer(action="accept", partnership_id=row["id"]).pack()
    query = await cem.press_data(forged, cem.last)  # the proposer accepting for the other side
    assert query.answer_text == REFUSED
    assert _refused(refusals, "answer partnership")
    [row] = db_rows(sandbox.database_path, "SELECT status FROM partnerships")
    assert row["status"] == "pending"


@pytest.mark.parametrize("command", ["/admin", "/organizers", "/export", "/pending"])
async def test_admin_commands_are_refused_to_others(sandbox, refusals, command):
    ann = await onboard(sandbox, 9541, "Ann")
    await ann.send(command)
    assert ann.last.text == REFUSED
    assert refusals.records, "the refusal is logged"


async def test_someone_elses_organization_cannot_be_opened_with_a_forged_choice(sandbox, refusals):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 9551, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn", contact="ann@naryn.example")
    mallory = await onboard(sandbox, 9552, "Mallory")
    await registered_org(sandbox, boss, mallory, "Mallory One")
    await registered_org(sandbox, boss, mallory, "Mallory Two")
    [target] = db_rows(
        sandbox.database_path, "SELECT id FROM organizations WHERE name = ?", ("Women of Naryn",)
    )
    await mallory.send("/myorg")
    chooser = mallory.last
    assert buttons(chooser)[:2] == ["Mallory One", "Mallory Two"]
    own = chooser.buttons()[0]["callback_data"]
    forged = own.rsplit(":", 1)[0] + f":{target['id']}"
    query = await mallory.press_data(forged, chooser)
    assert query.answer_text in (REFUSED, INVALID) and query.show_alert
    seen = " ".join(m.text or "" for m in mallory.messages)
    assert "Women of Naryn" not in seen and "ann@naryn.example" not in seen


async def test_organizers_are_appointed_and_removed_by_admins_with_an_audit(sandbox):
    boss = await admin(sandbox)
    await onboard(sandbox, 9561, "Olga")
    await boss.send("/organizers")
    await boss.press("➕ Appoint an organizer")
    await boss.send("Nobody")
    assert "Nobody found." in boss.last.text
    await boss.send("olg")  # a part of the name, any case
    await boss.press("Olga")
    await boss.press("🧑‍💼 Make an organizer")
    assert "Olga is now an organizer." in boss.last.text
    olga = sandbox.user(9561, "Olga", "en")
    assert "made you an organizer" in olga.last.text
    await olga.send("/help")
    assert "organizer" in olga.last.text
    await boss.send("/organizers")
    await boss.press("Olga")
    await boss.press("Remove")
    assert "Olga is no longer an organizer." in boss.last.text
    actions = [r["action"] for r in db_rows(sandbox.database_path, "SELECT * FROM audit_log")]
    assert actions == ["organizer.appoint", "organizer.remove"]
