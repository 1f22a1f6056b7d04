"""A digest as messages: under Telegram's limits however long it is (pages of at most
4,096 characters and a few dozen buttons, each section's heading again on the page it
goes on to), names escaped, the way to the settings on the last page only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.domain.digests import Digest, NewOrganization, WaitingPoll
from bot.i18n import build_i18n
from bot.ui.notices import RenderedNotices

NOW = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)


def _pages(digest: Digest, locale: str = "en"):
    return RenderedNotices(build_i18n("ru")).digest(digest, NOW)(locale, "Asia/Almaty")


def test_a_long_digest_is_split_into_pages_under_the_limits():
    polls = [
        WaitingPoll(
            i,
            f"Poll {i}: " + "which of the five priority themes comes first " * 3,
            NOW + timedelta(days=3),
        )
        for i in range(1, 61)
    ]
    orgs = [NewOrganization(i, f"<Org {i}> & partners", "KZ", "ngo") for i in range(1, 11)]
    pages = _pages(Digest(1, NOW - timedelta(days=1), polls=polls, organizations=orgs))
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert len(page.text) <= 4096
        rows = json.loads(page.markup)["inline_keyboard"]
        assert 0 < len(rows) <= 31
        assert f"({number}/{len(pages)})" in page.text.splitlines()[0]
        last = number == len(pages)
        assert (rows[-1][0]["callback_data"] == "set") is last
        assert ("/settings" in page.text) is last
    assert "🗳 <b>Polls waiting for your answer</b>" in pages[1].text, "its heading again"
    every = "".join(p.text for p in pages)
    assert every.count("• Poll ") == 60, "nothing lost between pages"
    assert "&lt;Org 1&gt; &amp; partners" in every and "<Org 1>" not in every


def test_a_digest_reads_in_the_readers_language():
    pages = _pages(Digest(1, NOW, polls=[WaitingPoll(1, "Опрос", NOW + timedelta(days=1))]), "ru")
    assert len(pages) == 1
    assert "дайджест" in pages[0].text.lower()
