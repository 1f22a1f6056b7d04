"""The knowledge base (/faq): once a request is resolved the member is asked whether the
exchange may be published without names, and, if they agree, the expert (through the
outbox, in the transaction of the member's answer). With both consents it is listed by
theme and found by words; either side can withdraw, and it is gone at once.

Every answer is checked against the request: only its member and its expert decide, the
expert only after the member agreed (a forged press is InvalidChoice)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.faq import FaqRepository
from bot.domain.errors import InvalidChoice
from bot.domain.faq import CONSENT_QUESTION, PAGE, Case, Consent, EntryView, Found
from bot.domain.people import Person
from bot.services.notices import Notices
from bot.services.outbox import Outbox


def _side(person: Person, case: Case) -> str:
    if case.asker_id == person.id:
        return "asker"
    if case.expert_id is not None and case.expert_id == person.id:
        return "expert"
    raise InvalidChoice(f"faq consent for consultation {case.consultation_id}")


class FaqService:
    def __init__(self, db: Database, faq: FaqRepository, outbox: Outbox, notices: Notices) -> None:
        self._db = db
        self._faq = faq
        self._outbox = outbox
        self._notices = notices

    async def member_question_due(self, person: Person, consultation_id: int) -> Case | None:
        """The request, when its member is still to be asked about publishing it (it is
        resolved, theirs, and they have not answered)."""
        case = await self._faq.case(consultation_id)
        if (
            case is None
            or case.asker_id != person.id
            or case.status != "resolved"
            or case.asker_consent is not None
        ):
            return None
        return case

    async def answer(
        self, person: Person, consultation_id: int, consent: bool, now: datetime
    ) -> Consent:
        """The member's or the expert's answer (the first one counts; a second press shows
        where it stands). The member's yes asks the expert."""
        async with self._db.transaction():
            case = await self._faq.case(consultation_id)
            if case is None or case.status != "resolved":
                raise InvalidChoice(f"faq consent for consultation {consultation_id}")
            side = _side(person, case)
            if side == "expert" and case.asker_consent is not True:
                if not await self._outbox.was_sent(CONSENT_QUESTION, consultation_id, person.id):
                    raise InvalidChoice(f"the expert was not asked, {consultation_id}")
                return Consent(case, side)  # the member withdrew meanwhile
            if not await self._faq.answer(consultation_id, side, consent):
                return Consent(case, side)
            case = await self._faq.case(consultation_id)
            assert case is not None
            if side == "asker" and consent and case.expert_id is not None:
                await self._outbox.queue(
                    CONSENT_QUESTION,
                    [case.expert_id],
                    self._notices.faq_consent(case),
                    now,
                    subject_id=consultation_id,
                    about_user_id=case.asker_id,
                )
        return Consent(case, side)

    async def withdraw(self, person: Person, consultation_id: int, now: datetime) -> Consent:
        """One side takes its consent back (or refuses before answering): the exchange
        leaves /faq at once. The expert's question, if not delivered yet, is not sent."""
        async with self._db.transaction():
            case = await self._faq.case(consultation_id)
            if case is None:
                raise InvalidChoice(f"faq withdrawal for consultation {consultation_id}")
            side = _side(person, case)
            await self._faq.withdraw(consultation_id, side)
            if side == "asker":
                await self._outbox.cancel_about(CONSENT_QUESTION, consultation_id, now)
            case = await self._faq.case(consultation_id)
            assert case is not None
        return Consent(case, side)

    async def theme_counts(self) -> dict[str, int]:
        """How many published exchanges each theme has (themes without any left out)."""
        return await self._faq.theme_counts()

    async def search(self, theme: str | None, words: Sequence[str], page: int) -> Found:
        """A page of the published exchanges of `theme` (None: any) holding every word."""
        return await self._faq.search(theme, words, offset=max(page, 0) * PAGE, limit=PAGE)

    async def view(self, person: Person, key: int) -> EntryView | None:
        """A published exchange as `person` reads it; None when it is no longer published."""
        found = await self._faq.entry(key)
        if found is None:
            return None
        entry, asker_id, expert_id = found
        return EntryView(entry, mine=person.id in (asker_id, expert_id))
