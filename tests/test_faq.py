"""The knowledge base (/faq): after rating a resolved request the member is asked whether the
exchange may be published without names, then the expert; with both consents it is in /faq,
by theme and by words, paged, naming nobody; either side withdraws it at once; nobody else
can answer or withdraw for them."""

from __future__ import annotations

from tests.desk_flows import ask, write
from tests.flows import admin, card_for, first_start, onboard, registered_org
from tests.helpers import buttons, db_rows

THEME = "Data-driven advocacy"
QUESTION = "How do we publish a survey of our members without exposing who answered what?"
ANSWER = "Publish only counts per question, never rows per person."
FOLLOW_UP = "And for groups with fewer than five answers?"
EMPTY = "Nothing is published yet"
NOT_FOR_YOU = "This button is no longer valid."


async def _person(sandbox, user_id: int, name: str, username: str):
    person = sandbox.user(user_id, name, "en", username)
    await first_start(person)
    await person.press("Kazakhstan")
    return person


async def _become_expert(person, boss, bio: str, themes=(THEME,)):
    await person.send("/expert")
    for theme in themes:
        await person.press(theme)
    await person.press("Done »")
    await person.press("Kazakhstan")
    await person.press("Done »")
    await person.press("English")
    await person.press("Done »")
    await person.send(bio)
    await person.press("📨 Submit")
    await boss.press("✅ Approve", card_for(boss, bio))


async def _desk(sandbox):
    """An admin, an expert and a member of an organization, with names and usernames."""
    boss = await admin(sandbox)
    expert = await _person(sandbox, 12_001, "Gulzhan Omarova", "gulzhan_expert")
    await _become_expert(expert, boss, "Sociologist, twelve years.", (THEME, "Youth"))
    member = await _person(sandbox, 12_002, "Aida Sultanova", "aida_kz")
    await registered_org(
        sandbox, boss, member, "Steppe Data Collective", country="Kazakhstan", region="Almaty"
    )
    return boss, expert, member


async def _exchange(
    sandbox,
    member,
    expert,
    question: str = QUESTION,
    answer: str = ANSWER,
    follow_up: str | None = FOLLOW_UP,
    theme: str = THEME,
):
    """Ask (with one's name), the expert takes and answers, the member follows up, resolves
    and rates: the member's last message is then the consent question."""
    await ask(member, question, theme=theme)
    await sandbox.app.sender.drained()
    offer = next(m for m in reversed(expert.messages) if "✋ Take" in buttons(m))
    await expert.press("✋ Take", offer)
    await write(expert, offer, answer)
    await sandbox.app.sender.drained()
    relayed = member.last
    assert answer in relayed.text
    if follow_up is not None:
        await member.reply_to(relayed, follow_up)
        await sandbox.app.sender.drained()
    await member.press("✅ Resolved", relayed)
    await member.press("5")
    return member.last


def _expert_question(expert):
    return next(m for m in reversed(expert.messages) if "May it be published?" in (m.text or ""))


async def _publish(sandbox, member, expert, **kw) -> None:
    consent = await _exchange(sandbox, member, expert, **kw)
    await member.press("✅ Yes, publish without names", consent)
    await sandbox.app.sender.drained()
    await expert.press("✅ Yes, publish without names", _expert_question(expert))


def _consents(sandbox):
    return [
        (r["faq_asker_consent"], r["faq_expert_consent"])
        for r in db_rows(
            sandbox.database_path,
            "SELECT faq_asker_consent, faq_expert_consent FROM consultations ORDER BY id",
        )
    ]


async def test_published_with_both_consents_found_by_theme_and_words_naming_nobody(sandbox):
    _boss, expert, member = await _desk(sandbox)
    reader = await onboard(sandbox, 12_003, "Reader", "Kyrgyzstan")
    consent = await _exchange(sandbox, member, expert)
    assert consent.text.startswith("📚 Request #1: may your exchange help others?")
    for said in ("without names", "«Question», «Member» and «Expert»", "request number"):
        assert said in consent.text
    assert "in /myrequests, or with «Withdraw my consent» in the entry in /faq" in consent.text
    assert buttons(consent) == ["✅ Yes, publish without names", "✖ No, keep it private"]

    await member.press("✅ Yes, publish without names", consent)
    assert "The expert is asked too" in consent.text
    assert buttons(consent) == ["↩️ Withdraw my consent"]
    await reader.send("/faq")
    assert EMPTY in reader.last.text, "not before the expert agrees"

    await sandbox.app.sender.drained()
    asked = _expert_question(expert)
    assert "📚 Request #1 (Data-driven advocacy): the member agrees" in asked.text
    assert "You can withdraw your consent at any time" in asked.text
    await expert.press("✅ Yes, publish without names", asked)
    assert asked.text == "✅ Thank you: the exchange is published in /faq, without names."
    assert _consents(sandbox) == [(1, 1)]

    await reader.send("/faq")
    assert buttons(reader.last)[:2] == ["📚 All themes (1)", "Data-driven advocacy (1)"]
    await reader.press("Data-driven advocacy (1)")
    assert "🏷 Data-driven advocacy: 1 answered question" in reader.last.text
    await reader.press("How do we publish a survey")
    entry = reader.last.text
    assert "Theme: Data-driven advocacy" in entry and "Country: Kazakhstan" in entry
    assert f"❓ Question\n{QUESTION}" in entry
    assert f"🧑‍🏫 Expert\n{ANSWER}" in entry
    assert f"💬 Member\n{FOLLOW_UP}" in entry
    traces = ("Aida", "Sultanova", "aida_kz", "Gulzhan", "Omarova", "gulzhan", "Steppe")
    for trace in (*traces, "12001", "12002", "#1", "Request"):
        assert trace not in entry
    assert "Withdraw" not in " ".join(buttons(reader.last)), "only for the two of them"

    # words, in any case, all of them, in the question or in the messages
    await reader.press("« Back")
    await reader.press("« Back")
    await reader.send("ROWS, person")
    assert "🔎 «rows person»: 1 answered question" in reader.last.text
    await reader.press("How do we publish a survey")
    assert ANSWER in reader.last.text
    await reader.send("survey banana")
    assert "Nothing found." in reader.last.text


async def test_the_member_says_no_and_the_expert_is_never_asked(sandbox):
    _boss, expert, member = await _desk(sandbox)
    consent = await _exchange(sandbox, member, expert)
    await member.press("✖ No, keep it private", consent)
    assert consent.text == "✖ Understood: this exchange is not published."
    assert buttons(consent) == []
    await sandbox.app.sender.drained()
    assert not any("May it be published?" in (m.text or "") for m in expert.messages)
    campaigns = db_rows(
        sandbox.database_path, "SELECT id FROM campaigns WHERE kind = 'consultation.faq_consent'"
    )
    assert campaigns == []
    assert _consents(sandbox) == [(0, None)]
    # a forged «yes» from the expert, never asked, changes nothing
    query = await expert.press_data("faq:yes:1", expert.last)
    assert query.answer_text.startswith(NOT_FOR_YOU)
    await expert.send("/faq")
    assert EMPTY in expert.last.text
    assert _consents(sandbox) == [(0, None)]


async def test_the_expert_says_no_and_nothing_is_published(sandbox):
    _boss, expert, member = await _desk(sandbox)
    consent = await _exchange(sandbox, member, expert)
    await member.press("✅ Yes, publish without names", consent)
    await sandbox.app.sender.drained()
    asked = _expert_question(expert)
    await expert.press("✖ No, keep it private", asked)
    assert asked.text == "✖ Understood: this exchange is not published."
    assert _consents(sandbox) == [(1, 0)]
    await expert.press_data("faq:yes:1", asked)  # a second thought by a forged press
    assert _consents(sandbox) == [(1, 0)], "the first answer counts"
    await member.send("/faq")
    assert EMPTY in member.last.text


async def test_either_side_withdraws_and_it_is_gone_at_once(sandbox):
    _boss, expert, member = await _desk(sandbox)
    reader = await onboard(sandbox, 12_003, "Reader", "Kyrgyzstan")
    await _publish(sandbox, member, expert, question="How do we register a coalition of NGOs?")
    await _publish(sandbox, member, expert, question="How do we write a data protection policy?")
    await _publish(sandbox, member, expert, question="How do we count volunteers' hours?")

    await reader.send("/faq")
    await reader.press("📚 All themes (3)")
    results = reader.last

    # the member, from the entry in /faq
    await member.send("/faq")
    await member.press("📚 All themes (3)")
    await member.press("How do we register a coalition of NGOs?")
    await member.press("↩️ Withdraw my consent")
    assert "↩️ Your consent is withdrawn: the exchange is not in /faq." in member.last.text
    assert "📚 All themes: 2 answered questions" in member.last.text
    assert "How do we register a coalition of NGOs?" not in buttons(member.last)

    # a reader with the list still open: gone for them too
    await reader.press("How do we register a coalition of NGOs?", results)
    assert "This entry is no longer published." in reader.last.text

    # the expert, from the entry in /faq
    await expert.send("/faq")
    await expert.press("Data-driven advocacy (2)")
    await expert.press("How do we write a data protection policy?")
    await expert.press("↩️ Withdraw my consent")
    assert "🏷 Data-driven advocacy: 1 answered question" in expert.last.text

    # the member, with the button left on their answer to the consent question
    kept = next(m for m in reversed(member.messages) if buttons(m) == ["↩️ Withdraw my consent"])
    query = await member.press("↩️ Withdraw my consent", kept)
    assert query.answer_text == "↩️ Your consent is withdrawn: the exchange is not in /faq."
    assert _consents(sandbox) == [(0, 1), (1, 0), (0, 1)]
    await reader.send("/faq")
    assert EMPTY in reader.last.text


async def test_someone_elses_consent_cannot_be_given_or_withdrawn(sandbox):
    _boss, expert, member = await _desk(sandbox)
    stranger = await onboard(sandbox, 12_004, "Stranger", "Kazakhstan")
    consent = await _exchange(sandbox, member, expert)
    for data in ("faq:yes:1", "faq:no:1", "faq:withdraw:1"):
        query = await stranger.press_data(data, consent)
        assert query.answer_text.startswith(NOT_FOR_YOU)
    query = await expert.press_data("faq:yes:1", consent)
    assert query.answer_text.startswith(NOT_FOR_YOU), "not before the member agreed"
    assert _consents(sandbox) == [(None, None)]
    assert "may your exchange help others?" in consent.text, "still the member's to answer"

    await member.press("✅ Yes, publish without names", consent)
    await sandbox.app.sender.drained()
    await expert.press("✅ Yes, publish without names", _expert_question(expert))
    query = await stranger.press_data("faq:withdraw:1", consent)
    assert query.answer_text.startswith(NOT_FOR_YOU)
    assert _consents(sandbox) == [(1, 1)]
    await stranger.send("/faq")
    assert buttons(stranger.last)[0] == "📚 All themes (1)"


async def test_many_entries_are_paged_long_ones_shortened_cyrillic_found_in_any_case(sandbox):
    _boss, expert, member = await _desk(sandbox)
    questions = [f"Question number {n}: how do we report to our donors on time?" for n in range(5)]
    for question in questions:
        await _publish(sandbox, member, expert, question=question, follow_up=None)
    long_question = "Как зарегистрировать НКО по новому Закону? " + "Подробности. " * 140
    await _publish(
        sandbox,
        member,
        expert,
        question=long_question[:2000].strip(),
        answer=("Сначала устав. " + "Потом протокол собрания. " * 78).strip(),
        follow_up=("А если учредители за границей? " * 60).strip(),
    )

    await member.send("/faq")
    await member.press("📚 All themes (6)")
    page = member.last
    assert "📚 All themes: 6 answered questions" in page.text and "Page 1 of 2" in page.text
    listed = [b for b in buttons(page) if b.startswith(("Question number", "Как"))]
    assert len(listed) == 5 and listed[0].startswith("Как зарегистрировать НКО")
    await member.press("Next ›", page)
    assert "Page 2 of 2" in member.last.text
    assert [b for b in buttons(member.last) if b.startswith("Question")] == [
        "Question number 0: how do we report to our donors on time?"
    ]
    assert "Next ›" not in buttons(member.last)
    await member.press("‹ Previous")
    await member.press("Как зарегистрировать")
    entry = member.last.text
    assert len(entry) < 4096
    assert entry.rstrip().endswith("✂️ The rest of this conversation is too long to show here.")
    assert "Сначала устав." in entry

    for typed in ("закону нко", "ЗАКОНУ", "Протокол"):
        await member.send(typed)
        assert ": 1 answered question" in member.last.text, typed
    await member.send("donors report")
    assert "«donors report»: 5 answered questions" in member.last.text


async def test_the_member_withdraws_from_myrequests(sandbox):
    _boss, expert, member = await _desk(sandbox)
    await _publish(sandbox, member, expert)
    assert _consents(sandbox) == [(1, 1)]
    await member.send("/myrequests")
    await member.press(1)  # the request in the list
    assert "↩️ Withdraw my consent" in buttons(member.last)
    await member.press("↩️ Withdraw my consent")
    assert _consents(sandbox) == [(0, 1)]
    await member.send("/faq")
    assert EMPTY in member.last.text
