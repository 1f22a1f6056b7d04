"""Invite links: a colleague joins after the coordinator's confirmation; the coordinator
revokes the link, sees the members and removes one."""

from __future__ import annotations

from tests.flows import admin, invite_link, onboard, registered_org
from tests.helpers import buttons, db_rows


async def test_a_colleague_joins_through_the_invite_after_confirmation(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 7001, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    argument = await invite_link(ann)

    bek = sandbox.user(7002, "Bek", "en")
    await bek.send(f"/start {argument}")
    assert "Your request to join «Women of Naryn» was sent" in bek.last.text
    request = ann.last
    assert request.text == "🙋 Bek asks to join «Women of Naryn» through your invite link."
    assert buttons(request) == ["✅ Accept", "✖ Decline"]
    assert not db_rows(
        sandbox.database_path, "SELECT * FROM organization_members WHERE user_id = 7002"
    ), "not a member before the coordinator confirms"

    await bek.send(f"/start {argument}")
    assert "is waiting for the coordinator" in bek.last.text, "no second request"

    accept = request.buttons()[0]["callback_data"]
    await ann.press("✅ Accept", request)
    assert bek.last.text == "✅ You are now a member of «Women of Naryn»."
    assert "Bek is now a member" in ann.last.text
    await ann.press_data(accept, request)  # double tap on a stale card
    assert len([m for m in bek.messages if "now a member" in m.text]) == 1

    await bek.send("/profile")
    assert "• Women of Naryn — member of the organization" in bek.last.text

    await ann.send("/myorg")
    await ann.press("👥 Members (2)")
    assert buttons(ann.last) == ["You (coordinator)", "Bek", "« Back"]


async def test_a_person_can_belong_to_several_organizations(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 7011, "Ann")
    cem = await onboard(sandbox, 7012, "Cem", "Kazakhstan")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Steppe Union", country="Kazakhstan")
    bek = await onboard(sandbox, 7013, "Bek")
    for coordinator in (ann, cem):
        await bek.send(f"/start {await invite_link(coordinator)}")
        await coordinator.press("✅ Accept", coordinator.last)
    await bek.send("/profile")
    assert "• Women of Naryn — member of the organization" in bek.last.text
    assert "• Steppe Union — member of the organization" in bek.last.text


async def test_a_revoked_link_stops_working_and_a_member_can_be_removed(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 7021, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    old = await invite_link(ann)
    bek = await onboard(sandbox, 7022, "Bek")
    await bek.send(f"/start {old}")
    await ann.press("✅ Accept", ann.last)

    await ann.send("/myorg")
    await ann.press("🔗 Invite link")
    await ann.press("⛔ Turn the link off")
    assert "The invite link is turned off" in ann.last.text
    dana = await onboard(sandbox, 7023, "Dana")
    await dana.send(f"/start {old}")
    assert dana.last.text == (
        "This invite link is no longer valid. Ask the coordinator for a new one."
    )
    await ann.press("🔄 New link")
    assert old.removeprefix("join_") not in ann.last.text

    await ann.send("/myorg")
    await ann.press("👥 Members (2)")
    await ann.press("Bek")
    await ann.press("Remove from the organization")
    assert buttons(ann.last) == ["You (coordinator)", "« Back"]
    assert not db_rows(
        sandbox.database_path, "SELECT * FROM organization_members WHERE user_id = 7022"
    )


async def test_a_declined_request_is_told_and_stores_no_membership(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 7031, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    bek = await onboard(sandbox, 7032, "Bek")
    await bek.send(f"/start {await invite_link(ann)}")
    await ann.press("✖ Decline", ann.last)
    assert bek.last.text == "The coordinator of «Women of Naryn» did not confirm your request."
    assert not db_rows(
        sandbox.database_path, "SELECT * FROM organization_members WHERE user_id = 7032"
    )
