"""Partnership proposals wait for the other coordinator, even one who has never opened the
bot, and are shown at their /start; /myorg lists the proposals both ways and the partners,
to accept, decline or withdraw; a proposal may carry a short note; nobody proposes between
two organizations they coordinate themselves; an organization without a coordinator in the
bot is said so before the proposer picks which of their organizations proposes."""

from __future__ import annotations

from bot.db.repositories.organizations import OrganizationsRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.organizations import NewOrganization
from bot.sandbox.harness import SandboxHarness
from bot.ui.callbacks import PartnerAnswer
from tests.flows import admin, invite_link, onboard, propose, registered_org
from tests.helpers import buttons, db_rows
from tests.test_forget import traces

REFUSED = "This action is not available to you."


async def directory_org(
    sandbox: SandboxHarness, name: str, coordinator_id: int | None, contact: str | None = None
) -> None:
    """An approved organization taken into the directory from elsewhere (as the demo data
    is): its coordinator, if any, has never opened the bot."""
    assert sandbox.app is not None
    db, now = sandbox.app.db, sandbox.clock()
    async with db.transaction():
        if coordinator_id is not None:
            await UsersRepository(db).create(coordinator_id, None, now)
        await OrganizationsRepository(db).create(
            NewOrganization(
                name=name,
                kind="ngo",
                country="KG",
                region="Issyk-Kul",
                description="Irrigation water shared fairly between the villages of the lake.",
                themes=("youth",),
                coordinator_id=coordinator_id,
                public_contact=contact,
            ),
            "approved",
            now,
        )


def forged(message, widget_id: str) -> str:
    """The callback data a button `widget_id` of this dialog message would have (a modified
    client can send it though the window does not show the button)."""
    intent = message.buttons()[0]["callback_data"].split("\x1d")[0]
    return f"{intent}\x1d{widget_id}"


async def test_a_proposal_waits_for_a_coordinator_who_never_started_the_bot(sandbox):
    boss = await admin(sandbox)
    cem = await onboard(sandbox, 12_001, "Cem")
    await registered_org(sandbox, boss, cem, "Talas Farmers", contact="t@farmers.kg")
    await directory_org(sandbox, "Issyk-Kul Water Users", 12_002, contact="water@ik.kg")

    await propose(cem, "Issyk-Kul Water Users")
    assert "Proposal sent" in cem.last.text
    await propose(cem, "Issyk-Kul Water Users")
    assert "already proposed" in cem.last.text

    dana = await onboard(sandbox, 12_002, "Dana")  # her first /start
    menu = dana.last
    assert "You have 1 partnership proposal waiting for your answer." in menu.text
    await dana.press("🤝 Open the proposals", menu)
    assert "📥 1 proposal waits for your answer." in dana.last.text
    await dana.press("📥 Talas Farmers")
    proposal = dana.last.text
    assert "A partnership proposal for «Issyk-Kul Water Users»" in proposal
    assert "Talas Farmers" in proposal and "Cem" not in proposal, "no identity before Accept"
    await dana.press("✅ Accept")
    agreed = dana.last.text
    assert "Accepted. You and their coordinator now have each other's contacts." in agreed
    assert "Their coordinator: Cem" in agreed
    assert "Organization contact: t@farmers.kg" in agreed
    assert "Partnership agreed with «Issyk-Kul Water Users»" in cem.last.text
    assert "Their coordinator: Dana" in cem.last.text
    assert "Organization contact: water@ik.kg" in cem.last.text

    await dana.send("/start")
    assert "partnership proposal" not in dana.last.text, "nothing waits any more"


async def test_myorg_lists_proposals_both_ways_and_partners(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_101, "Ann")
    cem = await onboard(sandbox, 12_102, "Cem")
    dan = await onboard(sandbox, 12_103, "Dan")
    eve = await onboard(sandbox, 12_104, "Eve")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await registered_org(sandbox, boss, dan, "Osh Weavers")
    await registered_org(sandbox, boss, eve, "Batken Youth", contact="eve@batken.kg")
    await propose(eve, "Women of Naryn", shown=4)
    await ann.press("✅ Accept", ann.last)
    await propose(cem, "Women of Naryn", shown=4)
    await propose(ann, "Osh Weavers", shown=4)

    await ann.send("/start")
    assert "You have 1 partnership proposal waiting for your answer." in ann.last.text
    await ann.send("/myorg")
    await ann.press("🤝 Partnerships (1 waiting)")
    overview = ann.last
    assert "Partnerships of «Women of Naryn»" in overview.text
    assert "📥 1 proposal waits for your answer." in overview.text
    assert "📤 1 proposal of yours waits for their answer." in overview.text
    assert "🤝 1 partner." in overview.text
    assert buttons(overview)[:3] == ["📥 Talas Farmers", "📤 Osh Weavers", "🤝 Batken Youth"]

    await ann.press("🤝 Batken Youth")
    assert "Partner of «Women of Naryn»" in ann.last.text
    assert "Their coordinator: Eve" in ann.last.text
    assert "Organization contact: eve@batken.kg" in ann.last.text
    assert "✅ Accept" not in buttons(ann.last)
    await ann.press("« Back")
    await ann.press("📤 Osh Weavers")
    assert "Your proposal to «Osh Weavers» waits for their answer." in ann.last.text
    assert "Dan" not in ann.last.text
    assert buttons(ann.last)[0] == "↩️ Withdraw the proposal"
    await ann.press("« Back")
    await ann.press("📥 Talas Farmers")
    assert buttons(ann.last)[:2] == ["✅ Accept", "✖ Decline"]
    await ann.press("✖ Decline")
    assert "You declined the proposal. Nothing was shared." in ann.last.text
    assert "📥" not in " ".join(buttons(ann.last))
    assert cem.last.text == "«Women of Naryn» declined your partnership proposal."

    await dan.send("/myorg")
    await dan.press("🤝 Partnerships (1 waiting)")
    assert buttons(dan.last)[0] == "📥 Women of Naryn"


async def test_a_withdrawn_proposal_disappears_and_its_buttons_say_so(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_201, "Ann")
    cem = await onboard(sandbox, 12_202, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn", contact="+996 1", public=False)
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await propose(cem, "Women of Naryn")
    notice = ann.last
    assert "A partnership proposal for «Women of Naryn»" in notice.text

    await cem.send("/myorg")
    await cem.press("🤝 Partnerships")
    await cem.press("📤 Women of Naryn")
    await cem.press("↩️ Withdraw the proposal")
    assert "Proposal withdrawn. Nothing was shared." in cem.last.text
    assert "No proposals or partners yet." in cem.last.text

    await ann.send("/myorg")
    assert "🤝 Partnerships" in buttons(ann.last), "nothing waits"
    await ann.press("🤝 Partnerships")
    assert "No proposals or partners yet." in ann.last.text
    seen = len(ann.messages)
    query = await ann.press("✅ Accept", notice)
    assert query.answer_text == "This proposal was withdrawn by the organization that made it."
    assert len(ann.messages) == seen, "no contacts"
    assert not any("+996" in (m.text or "") for m in cem.messages)
    [row] = db_rows(sandbox.database_path, "SELECT * FROM partnerships")
    assert (row["status"], row["proposer_contact"], row["accepter_contact"]) == (
        "withdrawn",
        None,
        None,
    )

    await propose(cem, "Women of Naryn")
    assert "Proposal sent" in cem.last.text, "a withdrawal is no decline: no wait"


async def test_a_withdrawn_proposal_is_not_shown_to_a_coordinator_starting_later(sandbox):
    boss = await admin(sandbox)
    cem = await onboard(sandbox, 12_251, "Cem")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await directory_org(sandbox, "Issyk-Kul Water Users", 12_252)
    await propose(cem, "Issyk-Kul Water Users")
    await cem.send("/myorg")
    await cem.press("🤝 Partnerships")
    await cem.press("📤 Issyk-Kul Water Users")
    await cem.press("↩️ Withdraw the proposal")
    dana = await onboard(sandbox, 12_252, "Dana")
    assert "partnership proposal" not in dana.last.text
    assert "🤝 Open the proposals" not in buttons(dana.last)


async def test_a_note_reaches_the_coordinator_as_typed(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_301, "Ann")
    cem = await onboard(sandbox, 12_302, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    before = len(ann.messages)

    await propose(cem, "Women of Naryn", note="x" * 301)
    assert "That is too long: at most 300 characters" in cem.last.text
    assert len(ann.messages) == before, "nothing sent"
    note = "We dry apricots <b>together</b> & would share a <i>stall</i> in Naryn."
    await cem.send(note)
    assert "Proposal sent" in cem.last.text

    card = ann.last
    assert "💬 Their note:" in card.text
    assert note in card.text, "shown as typed: escaped, not read as HTML"
    assert not [e for e in card.entities if e["type"] in ("italic",)]
    await ann.send("/myorg")
    await ann.press("🤝 Partnerships (1 waiting)")
    await ann.press("📥 Talas Farmers")
    assert note in ann.last.text
    await cem.send("/myorg")
    await cem.press("🤝 Partnerships")
    await cem.press("📤 Women of Naryn")
    assert "💬 Your note:" in cem.last.text and note in cem.last.text


async def test_a_note_goes_when_its_writer_is_forgotten(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_351, "Ann")
    zh = await onboard(sandbox, 12_352, "Zhyldyzkan")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, zh, "Naryn Weavers")
    bek = await onboard(sandbox, 12_353, "Bek")
    await bek.send(f"/start {await invite_link(zh)}")
    await zh.press("✅ Accept", zh.last)
    await propose(zh, "Women of Naryn", note="Zhyldyzkan here: call me about the fair.")
    assert traces(sandbox.database_path, "Zhyldyzkan")

    await zh.send("/forget")
    await zh.press("Bek")
    await zh.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, "Zhyldyzkan", 12_352) == []
    [row] = db_rows(sandbox.database_path, "SELECT status, note FROM partnerships")
    assert (row["status"], row["note"]) == ("pending", None), "the proposal stays, unsigned"
    await bek.send("/myorg")
    await bek.press("🤝 Partnerships")
    await bek.press("📤 Women of Naryn")
    assert "Your note" not in bek.last.text


async def test_nobody_proposes_between_two_organizations_they_coordinate(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_401, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, ann, "Naryn Crafts")
    await ann.send("/orgs")
    await ann.press("🔎 Show 2 organizations")
    await ann.press("Naryn Crafts · Kyrgyzstan")
    card = ann.last
    assert "You coordinate «Naryn Crafts» yourself." in card.text
    assert "🤝 Propose partnership" not in buttons(card)

    await ann.press_data(forged(card, "propose"), card)  # a modified client
    assert "You coordinate this organization yourself" in ann.last.text
    assert db_rows(sandbox.database_path, "SELECT id FROM partnerships") == []


async def test_no_coordinator_in_the_bot_is_said_before_choosing_who_proposes(sandbox):
    boss = await admin(sandbox)
    cem = await onboard(sandbox, 12_501, "Cem")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await registered_org(sandbox, boss, cem, "Talas Youth")
    await directory_org(sandbox, "Lake Fishers", None)
    await cem.send("/orgs")
    await cem.press("🔎 Show 3 organizations")
    await cem.press("Lake Fishers · Kyrgyzstan")
    card = cem.last
    assert "has no coordinator in the bot yet" in card.text
    assert "🤝 Propose partnership" not in buttons(card)

    await cem.press_data(forged(card, "propose"), card)
    assert "has no coordinator in the bot yet" in cem.last.text
    assert "On behalf of which of your organizations?" not in cem.last.text
    assert db_rows(sandbox.database_path, "SELECT id FROM partnerships") == []


async def test_forged_answers_to_proposals_are_refused_politely(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_601, "Ann")
    cem = await onboard(sandbox, 12_602, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await propose(cem, "Women of Naryn")
    [row] = db_rows(sandbox.database_path, "SELECT id FROM partnerships")

    await ann.send("/myorg")
    await ann.press("🤝 Partnerships (1 waiting)")
    await ann.press("📥 Talas Farmers")
    detail = ann.last
    query = await ann.press_data(forged(detail, "withdraw"), detail)  # not hers to withdraw
    assert query.answer_text == REFUSED
    data = PartnerAnswer(action="accept", partnership_id=row["id"] + 1).pack()
    query = await ann.press_data(data, detail)  # no such proposal
    assert query.answer_text == "This proposal no longer exists."
    [row] = db_rows(sandbox.database_path, "SELECT status FROM partnerships")
    assert row["status"] == "pending"
