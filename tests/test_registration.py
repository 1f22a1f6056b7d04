"""/register: each field checked with a clear message; admins approve or reject; the
applicant hears the outcome and becomes the coordinator."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.flows import admin, card_for, first_start, onboard, register
from tests.helpers import buttons, db_rows, tr

EMOJI_ONLY = "Please write it in words: emoji and symbols alone are not enough."
TOO_LONG = "That is too long: at most {count} characters, please shorten it."


async def test_each_validation_error_is_shown_once_and_the_form_goes_on(sandbox):
    await admin(sandbox)
    await onboard(sandbox, 6001, "Ann")
    await register(sandbox.user(6001, "Ann", "en"), "Women of Naryn")
    ann = await onboard(sandbox, 6002, "Bek")
    await ann.send("/register")
    assert "What is the organization's name?" in ann.last.text

    await ann.send("🙂🎉🙂")
    assert ann.last.text.count(EMOJI_ONLY) == 1
    await ann.send("x" * 5000)
    assert ann.last.text.count(TOO_LONG.format(count="120")) == 1
    assert EMOJI_ONLY not in ann.last.text, "an old error is not repeated"
    await ann.send_sticker()
    assert "Please answer with a text message." in ann.last.text
    await ann.send("  women   of NARYN ")
    await ann.press("NGO")
    await ann.press("Kyrgyzstan")  # same name, same country: a duplicate
    duplicate = ann.last.text
    assert "«women of NARYN» is already registered in Kyrgyzstan" in duplicate
    assert "What is the organization's name?" in duplicate
    await ann.send("Women of Naryn Oblast")
    assert "Which region or city" in ann.last.text, "type and country are kept"
    await ann.send("Naryn")
    await ann.press("Done »")
    assert ann.last.text.count("Please choose at least one theme.") == 1
    await ann.press("Youth")
    assert "Please choose at least one theme." not in ann.last.text, "gone once complied"
    await ann.press("Gender equality and women in public life")
    await ann.press("Done »")
    await ann.send("Short")
    assert "That is too short: at least 10 characters, please." in ann.last.text
    await ann.send("Mentoring for young women who start a business.\n\n\n\nIn Naryn.")
    await ann.send("+996 555 000 111")
    await ann.press("No, keep it private")
    summary = ann.last
    assert "Name: Women of Naryn Oblast" in summary.text
    assert "Themes: Youth; Gender equality and women in public life" in summary.text
    assert "+996 555 000 111 (only for partners you accept)" in summary.text
    assert "📨 Submit" in buttons(summary)

    [row] = db_rows(sandbox.database_path, "SELECT COUNT(*) AS n FROM organizations")
    assert row["n"] == 1, "nothing is stored before Submit"


async def test_a_field_edited_from_the_summary_returns_to_the_summary(sandbox):
    ann = await onboard(sandbox, 6003, "Ann")
    await register(ann, "Steppe Women", contact="info@steppe.kg", public=True)
    await ann.send("/register")
    await ann.send("Mountain Youth")
    await ann.press("Initiative group")
    await ann.press("Tajikistan")
    await ann.send("Khorog")
    await ann.press("Youth")
    await ann.press("Done »")
    await ann.send("Clubs for teenagers in remote mountain villages.")
    await ann.press("Skip »")
    await ann.press("✏️ Region")
    await ann.send("Gorno-Badakhshan")
    summary = ann.last.text
    assert "Region or city: Gorno-Badakhshan" in summary
    assert "Check your application" in summary


async def test_admin_approves_and_the_applicant_becomes_coordinator(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 6004, "Ann")
    await register(ann, "Women of Naryn", contact="info@naryn.kg", public=False)
    assert "Application sent" in ann.last.text

    card = card_for(boss, "Women of Naryn")
    assert "Organization to review" in card.text
    assert "Contact: info@naryn.kg (not to be shown)" in card.text
    assert buttons(card) == ["✅ Approve", "✖ Reject"]

    approve = card.buttons()[0]["callback_data"]
    await boss.press("✅ Approve", card)
    assert "Approved. The applicant has been told." in boss.last.text
    assert card.buttons() == [], "the card's buttons are gone"
    assert "«Women of Naryn» is approved" in ann.last.text
    assert "myorg" in [c["command"] for c in ann.commands()], "a coordinator's menu"
    [org] = db_rows(sandbox.database_path, "SELECT * FROM organizations")
    assert (org["status"], org["coordinator_id"]) == ("approved", 6004)
    [audit] = db_rows(sandbox.database_path, "SELECT * FROM audit_log")
    assert (audit["actor_id"], audit["action"], audit["subject_id"]) == (
        ADMIN_ID,
        "organization.approve",
        org["id"],
    )

    received = len(ann.messages)
    query = await boss.press_data(approve, card)  # a stale double tap
    assert query.answered
    assert "already decided: approved" in boss.last.text
    assert len(ann.messages) == received, "the applicant is not told twice"
    assert len(db_rows(sandbox.database_path, "SELECT * FROM audit_log")) == 1


async def test_rejection_asks_a_reason_and_the_applicant_reads_it_in_their_language(sandbox):
    boss = await admin(sandbox)
    aibek = sandbox.user(6005, "Aibek", "ru")
    await first_start(aibek)
    await aibek.press(tr(sandbox, "Kyrgyzstan", "ru"))
    await aibek.send("/language")
    await aibek.press("English")
    await register(aibek, "Talas Farmers")
    await aibek.send("/language")
    await aibek.press("Русский")

    await boss.press("✖ Reject", card_for(boss, "Talas Farmers"))
    assert "Why is it rejected?" in boss.last.text
    await boss.send("🙅")
    assert EMOJI_ONLY in boss.last.text
    await boss.send("Please give the registered name and a website.")
    assert any("Rejected. The applicant has been told" in m.text for m in boss.messages[-3:])

    answer = aibek.last.text
    assert (
        tr(sandbox, "Your application for «{name}» was not approved.", "ru", name="Talas Farmers")
        in answer
    )
    assert "Please give the registered name and a website." in answer
    [org] = db_rows(sandbox.database_path, "SELECT status, reject_reason FROM organizations")
    assert org["status"] == "rejected"
    [audit] = db_rows(sandbox.database_path, "SELECT action, detail FROM audit_log")
    assert (audit["action"], audit["detail"]) == (
        "organization.reject",
        "Please give the registered name and a website.",
    )


async def test_pending_is_one_paged_list_and_each_card_opens_from_it(sandbox):
    boss = await admin(sandbox)
    for p in range(3):
        person = await onboard(sandbox, 6100 + p, f"Person {p}")
        for j in range(3):
            await register(person, f"Organization number {p * 3 + j}")
    before = len(boss.messages)
    await boss.send("/pending")
    assert len(boss.messages) == before + 1, "one message, not one per application"
    listing = boss.last
    assert "Waiting for review: 9 (page 1 of 2)" in listing.text
    assert len(buttons(listing)) == 9, "eight applications and »"
    await boss.press("»", listing)
    assert "(page 2 of 2)" in listing.text
    await boss.press("Organization number 8", listing)
    assert "Organization to review" in listing.text and "Organization number 8" in listing.text
    assert buttons(listing) == ["✅ Approve", "✖ Reject", "« Back to the list"]
    await boss.press("« Back to the list", listing)
    assert "(page 2 of 2)" in listing.text
    await boss.press("Organization number 8", listing)
    await boss.press("✅ Approve", listing)
    assert "Approved. The applicant has been told." in boss.last.text
    await boss.send("/pending")
    assert "Waiting for review: 8 (page 1 of 1)" in boss.last.text


async def test_a_person_has_at_most_three_applications_waiting(sandbox):
    await admin(sandbox)
    ann = await onboard(sandbox, 6110, "Ann")
    for number in range(3):
        await register(ann, f"Women of Naryn {number}")
    await ann.send("/register")
    assert "You already have 3 applications waiting for review" in ann.last.text
    assert len(db_rows(sandbox.database_path, "SELECT id FROM organizations")) == 3


async def test_an_applicant_who_blocked_the_bot_is_approved_and_the_admin_knows(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 6007, "Ann")
    await register(ann, "Women of Naryn")
    await ann.block()
    received = len(ann.messages)

    await boss.press("✅ Approve", card_for(boss, "Women of Naryn"))
    assert "Approved. The applicant could not be told" in boss.last.text
    assert len(ann.messages) == received
    [org] = db_rows(sandbox.database_path, "SELECT status, coordinator_id FROM organizations")
    assert (org["status"], org["coordinator_id"]) == ("approved", 6007)
    [user] = db_rows(sandbox.database_path, "SELECT is_active FROM users WHERE id = 6007")
    assert user["is_active"] == 0

    await ann.unblock()
    await ann.send("/myorg")
    assert "Women of Naryn" in ann.last.text, "the approval is there when they come back"


CHOOSE_BELOW = "Please choose one of the options below."
NOT_A_CONTACT = (
    "That does not look like a contact. Please send an e-mail (name@example.org), a phone "
    "number (+996 555 123 456), a Telegram @username or a website (example.org)."
)


async def test_every_step_has_a_back_button_to_the_step_before(sandbox):
    ann = await onboard(sandbox, 6301, "Ann")
    await ann.send("/register")
    assert "Step 1 of 8" in ann.last.text
    assert buttons(ann.last) == ["✖ Cancel"], "nothing before the first step but leaving"
    await ann.send("Talas Farmers")
    assert "Step 2 of 8" in ann.last.text
    await ann.press("« Back")
    assert "Step 1 of 8" in ann.last.text and "What is the organization's name?" in ann.last.text
    await ann.send("Talas Farmers Union")
    await ann.press("NGO")
    assert "Step 3 of 8" in ann.last.text
    await ann.press("« Back")
    assert "Step 2 of 8" in ann.last.text
    await ann.press("Initiative group")
    await ann.press("Kyrgyzstan")
    assert "Step 4 of 8" in ann.last.text
    await ann.press("« Back")
    assert "Step 3 of 8" in ann.last.text
    await ann.press("Kazakhstan")
    await ann.send("Taraz")
    assert "Step 5 of 8" in ann.last.text
    await ann.press("Youth")
    await ann.press("« Back")
    assert "Step 4 of 8" in ann.last.text
    await ann.send("Talas")
    assert "✅ Youth" in buttons(ann.last), "the themes ticked are kept"
    await ann.press("Done »")
    assert "Step 6 of 8" in ann.last.text
    await ann.press("« Back")
    assert "Step 5 of 8" in ann.last.text
    await ann.press("Done »")
    await ann.send("Seeds and advice for small farms in the Talas valley.")
    assert "Step 7 of 8" in ann.last.text
    await ann.press("« Back")
    assert "Step 6 of 8" in ann.last.text
    await ann.send("Seeds, advice and shared machinery for small farms of Talas.")
    await ann.send("+996 555 000 222")
    assert "Step 8 of 8" in ann.last.text
    await ann.press("« Back")
    assert "Step 7 of 8" in ann.last.text
    await ann.send("info@talas.example")
    await ann.press("Yes, show it")
    summary = ann.last.text
    assert "Check your application" in summary
    for line in (
        "Name: Talas Farmers Union",
        "Type: Initiative group",
        "Country: Kazakhstan",
        "Region or city: Talas",
        "Themes: Youth",
        "Description: Seeds, advice and shared machinery for small farms of Talas.",
        "Contact: info@talas.example (shown in the directory)",
    ):
        assert line in summary

    # a step opened from the summary goes back to it, with nothing changed
    await ann.press("✏️ Country")
    assert "Step 3 of 8" in ann.last.text
    await ann.press("« Back")
    assert "Check your application" in ann.last.text
    assert "Country: Kazakhstan" in ann.last.text
    await ann.press("✏️ Name")
    await ann.press("« Back")
    assert "Name: Talas Farmers Union" in ann.last.text
    await ann.press("📨 Submit")
    assert "Application sent" in ann.last.text


async def test_typing_where_a_button_is_expected_gets_a_hint_that_goes_once_answered(sandbox):
    ann = await onboard(sandbox, 6302, "Ann")
    await ann.send("/register")
    await ann.send("Talas Farmers")
    await ann.send("NGO")
    assert CHOOSE_BELOW in ann.last.text and "What kind of organization" in ann.last.text
    assert "NGO" in buttons(ann.last)
    await ann.press("NGO")
    assert "Step 3 of 8" in ann.last.text and CHOOSE_BELOW not in ann.last.text
    await ann.send("Kyrgyzstan")
    assert CHOOSE_BELOW in ann.last.text and "In which country" in ann.last.text
    await ann.press("Kyrgyzstan")
    assert CHOOSE_BELOW not in ann.last.text
    await ann.send("Talas")

    # themes: a typed theme gets the hint; «choose at least one» goes once one is ticked
    await ann.send("Youth")
    assert CHOOSE_BELOW in ann.last.text
    await ann.press("Done »")
    assert "Please choose at least one theme." in ann.last.text
    assert CHOOSE_BELOW not in ann.last.text, "one warning at a time"
    await ann.press("Youth")
    assert "Please choose at least one theme." not in ann.last.text
    assert "✅ Youth" in buttons(ann.last)
    await ann.press("Done »")
    await ann.send("Seeds and advice for small farms in the Talas valley.")
    await ann.send("@talas_farmers")
    await ann.send_sticker()
    assert CHOOSE_BELOW in ann.last.text and "May the directory show this contact" in ann.last.text
    await ann.press("No, keep it private")
    summary = ann.last.text
    assert CHOOSE_BELOW not in summary
    assert "Contact: @talas_farmers (only for partners you accept)" in summary
    await ann.send("Submit")
    assert CHOOSE_BELOW in ann.last.text and "Check your application" in ann.last.text
    assert "📨 Submit" in buttons(ann.last)
    [row] = db_rows(sandbox.database_path, "SELECT COUNT(*) AS n FROM organizations")
    assert row["n"] == 0


async def test_a_contact_is_one_partners_can_use_and_a_bare_address_becomes_a_link(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 6303, "Ann")
    await ann.send("/register")
    await ann.send("Talas Farmers")
    await ann.press("NGO")
    await ann.press("Kyrgyzstan")
    await ann.send("Talas")
    await ann.press("Youth")
    await ann.press("Done »")
    await ann.send("Seeds and advice for small farms in the Talas valley.")
    assert "Step 7 of 8" in ann.last.text

    await ann.send("asdf")
    assert NOT_A_CONTACT in ann.last.text and "Step 7 of 8" in ann.last.text
    await ann.send("call us")
    assert ann.last.text.count(NOT_A_CONTACT) == 1
    await ann.send("example.org")
    assert "https://example.org" in ann.last.text and "May the directory show" in ann.last.text
    assert NOT_A_CONTACT not in ann.last.text
    await ann.press("« Back")
    await ann.send("zoom.us/j/123")
    assert "https://zoom.us/j/123" in ann.last.text
    await ann.press("Yes, show it")
    assert "Contact: https://zoom.us/j/123 (shown in the directory)" in ann.last.text
    await ann.press("📨 Submit")
    assert "Application sent" in ann.last.text

    assert "Contact: https://zoom.us/j/123 (may be shown)" in card_for(boss, "Talas Farmers").text
    [org] = db_rows(sandbox.database_path, "SELECT public_contact FROM organizations")
    assert org["public_contact"] == "https://zoom.us/j/123"


async def test_rejecting_from_the_pending_list_comes_back_to_the_card_not_to_an_old_screen(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 6304, "Ann")
    await register(ann, "Talas Farmers")
    await register(ann, "Naryn Weavers")
    await boss.send("/pending")
    listing = boss.last
    await boss.press("Talas Farmers", listing)
    decision = ["✅ Approve", "✖ Reject", "« Back to the list"]
    assert buttons(listing) == decision

    # meanwhile the admin is halfway through a form of their own
    await boss.send("/register")
    await boss.send("Astana Volunteers")
    form = boss.last
    assert "Step 2 of 8" in form.text

    await boss.press("✖ Reject", listing)
    question = boss.last
    assert "Why is it rejected?" in question.text
    assert buttons(listing) == decision, "the card keeps its buttons while asked"
    sent = len(boss.messages)
    await boss.press("✖ Cancel", question)
    assert len(boss.messages) == sent, "no screen is shown again"
    assert "Not rejected" in question.text and buttons(question) == []
    assert buttons(listing) == decision
    assert "Step 2 of 8" in form.text and "NGO" in buttons(form), "the form is where it was"
    await boss.press("NGO", form)
    assert "Step 3 of 8" in form.text, "and goes on"

    # Reject, then Reject on another card: the newer question replaces the older
    await boss.press("✖ Reject", listing)
    first = boss.last
    naryn = card_for(boss, "Naryn Weavers")
    await boss.press("✖ Reject", naryn)
    assert "Not rejected" in first.text and buttons(first) == []
    second = boss.last
    assert "Why is it rejected?" in second.text
    await boss.send("Please give the registered name and a website.")
    assert boss.last.text == "✖ Rejected. The applicant has been told the reason."
    assert buttons(second) == []
    assert buttons(naryn) == [], "its card is decided"
    assert buttons(listing) == decision, "the other application still waits"
    statuses = db_rows(sandbox.database_path, "SELECT name, status FROM organizations")
    assert {r["name"]: r["status"] for r in statuses} == {
        "Talas Farmers": "pending",
        "Naryn Weavers": "rejected",
    }
    assert not [m for m in boss.messages[sent:] if "Step " in (m.text or "")], "no old screen"

    # a reason for the card opened from the list: it keeps only the way back to the list
    await boss.press("✖ Reject", listing)
    await boss.send("The region is missing.")
    assert boss.last.text == "✖ Rejected. The applicant has been told the reason."
    assert buttons(listing) == ["« Back to the list"]
    assert "Step 3 of 8" in form.text and "Kyrgyzstan" in buttons(form)
    await boss.press("Kyrgyzstan", form)
    assert "Step 4 of 8" in form.text, "the admin's own form goes on where it was"
    [reason] = db_rows(
        sandbox.database_path,
        "SELECT reject_reason FROM organizations WHERE name = ?",
        ("Talas Farmers",),
    )
    assert reason["reject_reason"] == "The region is missing."
