"""/orgs: search by theme, country and type, paged; partnership by double opt-in; the
directory export for admins."""

from __future__ import annotations

import csv
import io

from tests.flows import admin, onboard, propose, register, registered_org
from tests.helpers import buttons


async def test_a_second_organization_finds_the_first_and_both_get_contacts_on_accept(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 8001, "Ann")
    cem = await onboard(sandbox, 8002, "Cem", "Kazakhstan")
    await registered_org(
        sandbox, boss, ann, "Women of Naryn", contact="+996 555 000 111", public=False
    )
    await registered_org(
        sandbox,
        boss,
        cem,
        "Steppe Business Union",
        kind="Economic coalition",
        country="Kazakhstan",
        themes=("Youth", "Local production in rural communities"),
        contact="union@steppe.kz",
        public=True,
    )

    await cem.send("/orgs")
    await cem.press("🏷 Theme")
    await cem.press("Youth")
    await cem.press("📍 Country")
    await cem.press("Kyrgyzstan")
    filters = cem.last
    assert "Theme: Youth" in filters.text and "Country: Kyrgyzstan" in filters.text
    await cem.press("🔎 Show 1 organization")
    assert buttons(cem.last)[0] == "Women of Naryn · Kyrgyzstan"
    await cem.press("Women of Naryn · Kyrgyzstan")
    card = cem.last
    assert "NGO · Kyrgyzstan, Naryn" in card.text
    assert "+996" not in card.text, "a private contact is not in the directory"
    assert "Ann" not in card.text and "8001" not in card.text

    await cem.press("🤝 Propose partnership")
    await cem.press("📨 Send without a note")
    assert "Proposal sent" in cem.last.text
    proposal = ann.last
    assert "A partnership proposal for «Women of Naryn»" in proposal.text
    assert "Steppe Business Union" in proposal.text
    assert "union@steppe.kz" in proposal.text, "their public contact"
    assert "Cem" not in proposal.text, "no identity before the answer"

    await cem.press("🤝 Propose partnership")
    assert "already proposed" in cem.last.text, "one proposal per pair"

    await ann.press("✅ Accept", proposal)
    to_ann, to_cem = ann.last.text, cem.last.text
    assert "Partnership agreed with «Steppe Business Union»" in to_ann
    links = [e.get("url") for e in ann.last.entities if e["type"] == "text_link"]
    assert links == ["tg://user?id=8002"], "a link to the other coordinator's profile"
    assert "Their coordinator: Cem" in to_ann
    assert "Partnership agreed with «Women of Naryn»" in to_cem
    assert "Their coordinator: Ann" in to_cem
    assert "Organization contact: +996 555 000 111" in to_cem


async def test_a_declined_proposal_shares_nothing(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 8011, "Ann")
    cem = await onboard(sandbox, 8012, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn", contact="+996 1", public=False)
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await propose(cem, "Women of Naryn")
    await ann.press("✖ Decline", ann.last)
    assert cem.last.text == "«Women of Naryn» declined your partnership proposal."
    assert "+996" not in cem.last.text
    assert ann.last.text == "You declined the proposal. Nothing was shared."


async def test_results_are_paged_and_filters_narrow_them(sandbox):
    boss = await admin(sandbox)
    for index in range(10):
        person = await onboard(sandbox, 8100 + index, f"P{index}")
        await registered_org(sandbox, boss, person, f"Youth Club {index:02d}")
    visitor = await onboard(sandbox, 8200, "Vi")
    await visitor.send("/orgs")
    await visitor.press("🔎 Show 10 organizations")
    first = buttons(visitor.last)
    assert "Found 10 organizations." in visitor.last.text
    assert "Page 1 of 2" in visitor.last.text
    assert first[:8] == [f"Youth Club {i:02d} · Kyrgyzstan" for i in range(8)]
    await visitor.press("Next ›")
    assert buttons(visitor.last)[:2] == ["Youth Club 08 · Kyrgyzstan", "Youth Club 09 · Kyrgyzstan"]
    await visitor.press("« Filters")
    await visitor.press("🏢 Type")
    await visitor.press("Business association")
    assert "🔎 Show 0 organizations" in buttons(visitor.last)
    await visitor.press("🔎 Show 0 organizations")
    assert "Try fewer filters." in visitor.last.text


async def test_pending_organizations_are_not_in_the_directory(sandbox):
    await admin(sandbox)
    ann = await onboard(sandbox, 8301, "Ann")
    await register(ann, "Women of Naryn")
    visitor = await onboard(sandbox, 8302, "Vi")
    await visitor.send("/orgs")
    assert "🔎 Show 0 organizations" in buttons(visitor.last)


async def test_export_gives_admins_a_csv_without_private_contacts(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 8401, "Ann")
    cem = await onboard(sandbox, 8402, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn", contact="+996 1", public=False)
    await registered_org(sandbox, boss, cem, "Talas Farmers", contact="t@f.kg", public=True)
    await boss.send("/export")
    document = boss.last.document
    assert document is not None and document.file_name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(document.content.decode("utf-8-sig"))))
    contacts = {r["name"]: r["public_contact"] for r in rows}
    assert contacts == {"Women of Naryn": "", "Talas Farmers": "t@f.kg"}
    assert "The directory: 2 organizations" in boss.last.caption


async def test_a_coordinator_edits_the_card_and_the_directory_follows_their_consent(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 8101, "Ann")
    cem = await onboard(sandbox, 8102, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")

    await ann.send("/myorg")
    await ann.press("✏️ Description")
    await ann.send("🙂")
    assert "Please write it in words" in ann.last.text
    await ann.send("Mentoring and small grants for young women in the Naryn region.")
    await ann.press("✏️ Contact")
    await ann.send("info@naryn.kg")
    await ann.press("Yes, show it")

    async def card_seen_by_cem() -> str:
        await cem.send("/orgs")
        await cem.press("🔎 Show 1 organization")
        await cem.press("Women of Naryn · Kyrgyzstan")
        return cem.last.text

    card = await card_seen_by_cem()
    assert "Mentoring and small grants" in card
    assert "info@naryn.kg" in card, "shown with consent"

    await ann.send("/myorg")
    await ann.press("✏️ Contact")
    await ann.send("info@naryn.kg")
    await ann.press("No, keep it private")
    assert "info@naryn.kg" not in await card_seen_by_cem(), "hidden once consent is withdrawn"
