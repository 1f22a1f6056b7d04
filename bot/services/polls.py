"""Quick polls and questionnaires: an organizer sends one to an audience through the outbox;
each recipient answers with a tap, one question at a time; the poll closes at its time;
results are counted from what was stored. Each action is one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.audience import Audience, AudienceRepository
from bot.db.repositories.polls import PollsRepository, Tally
from bot.domain.consultation_reports import Page
from bot.domain.outbox import Recipient
from bot.domain.people import Contact, Person
from bot.domain.poll_results import (
    multiple_choice_table,
    rating_summary,
    single_choice_table,
)
from bot.domain.polls import (
    POLL,
    POLL_CLOSED,
    POLL_REMINDER,
    POLL_RESULTS,
    REMIND_BEFORE,
    AnswerRefused,
    DraftQuestion,
    InvalidPoll,
    NamedResponse,
    Poll,
    PollLine,
    PollProblem,
    PollResults,
    Question,
    QuestionKind,
    QuestionResults,
    checked_question,
)
from bot.roles import Role
from bot.services.access import refuse
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.text_input import ANSWER, clean_text


@dataclass(frozen=True, slots=True)
class Sent:
    poll: Poll
    recipients: int  # how many it was queued to (those who blocked the bot left out)


@dataclass(frozen=True, slots=True)
class Answered:
    """An answer stored: the poll, the question answered, and the next one to ask (None:
    the person has answered them all)."""

    poll: Poll
    question: Question
    chosen: tuple[int, ...]
    next_question: Question | None
    changed: bool = False  # a named answer given again


LIST_PAGE = 8


class PollsService:
    def __init__(
        self,
        db: Database,
        polls: PollsRepository,
        audience: AudienceRepository,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._polls = polls
        self._audience = audience
        self._outbox = outbox
        self._notices = notices

    def _check_organizer(self, person: Person, action: str) -> None:
        if not person.has_any(Role.ORGANIZER, Role.ADMIN):
            raise refuse(person, action)

    async def send(
        self,
        person: Person,
        title: str,
        questions: Sequence[DraftQuestion],
        audience: Audience,
        closes_at: datetime,
        now: datetime,
        *,
        anonymous: bool,
        results_public: bool,
    ) -> Sent:
        """The poll checked, stored and queued to its audience (not to its organizer), its
        first question in each reader's message. InvalidPoll for what cannot be sent."""
        self._check_organizer(person, "send a poll")
        if not questions:
            raise InvalidPoll(PollProblem.NO_QUESTION)
        checked = [checked_question(i, q) for i, q in enumerate(questions)]
        for i, question in enumerate(checked):
            if question.kind == QuestionKind.TEXT:  # nobody could answer it yet
                raise InvalidPoll(PollProblem.TEXT_NOT_YET, i)
        if closes_at <= now:
            raise InvalidPoll(PollProblem.CLOSES_IN_THE_PAST)
        title = " ".join(title.split()) or checked[0].text
        async with self._db.transaction():
            people = [uid for uid in await self._audience.people(audience) if uid != person.id]
            if not people:
                raise InvalidPoll(PollProblem.NOBODY)
            remind_at = closes_at - REMIND_BEFORE
            poll_id = await self._polls.create(
                title,
                anonymous,
                results_public,
                person.id,
                closes_at,
                checked,
                now,
                remind_at if remind_at > now else None,  # a short poll has no reminder
            )
            await self._polls.add_recipients(poll_id, people)
            poll = await self._polls.get(poll_id)
            assert poll is not None
            queued = await self._outbox.queue(
                POLL,
                people,
                self._notices.poll_question(poll, poll.questions[0], ()),
                now,
                subject_id=poll_id,
                created_by=person.id,
            )
        return Sent(poll, queued.count)

    async def answer(
        self,
        person: Person,
        poll_id: int,
        position: int,
        chosen: Sequence[int],
        now: datetime,
        text: str | None = None,
        *,
        contact: Contact | None = None,
    ) -> Answered | AnswerRefused:
        """One question answered (choices by their index; a rating's points as the index
        point - 1; or a text). A named answer may be given again until closing; an
        anonymous one once (nothing links it back to change it)."""
        async with self._db.transaction():
            poll = await self._polls.get(poll_id)
            progress = await self._polls.progress(poll_id, person.id)
            if poll is None or progress is None or not 0 <= position < len(poll.questions):
                return AnswerRefused.NOT_YOURS
            if not poll.is_open or poll.closes_at <= now:
                return AnswerRefused.CLOSED
            question = poll.questions[position]
            choices = tuple(sorted(set(chosen)))
            refused = _refused(question, choices, text)
            if refused is not None:
                return refused
            if position > progress:
                return AnswerRefused.NOT_YOURS  # a question not asked yet (forged)
            first_time = position == progress
            if poll.anonymous and not first_time:
                return AnswerRefused.ANSWERED
            if first_time and not await self._polls.advance(poll_id, person.id, position):
                return AnswerRefused.ANSWERED
            body = clean_text(text, ANSWER) if question.kind == QuestionKind.TEXT else None
            if poll.anonymous:
                if body is not None:
                    await self._polls.add_anonymous_text(question.id, body, now)
                else:
                    await self._polls.count_anonymous(
                        question.id, choices, question.kind == QuestionKind.MULTIPLE
                    )
            else:
                await self._polls.record_named(question.id, person.id, choices, body, now)
                if contact is not None:  # the name the organizer sees, as it is now
                    await self._polls.name_respondent(poll_id, contact)
            following = position + 1
            next_question = (
                poll.questions[following]
                if first_time and following < len(poll.questions)
                else None
            )
            return Answered(poll, question, choices, next_question, changed=not first_time)

    async def own_answer(self, person: Person, poll: Poll, question: Question) -> tuple[int, ...]:
        """What the person chose in a named poll (an anonymous one keeps no such thing)."""
        if poll.anonymous:
            return ()
        return tuple(await self._polls.chosen(question.id, person.id))

    async def get(self, poll_id: int) -> Poll | None:
        return await self._polls.get(poll_id)

    async def is_recipient(self, person: Person, poll_id: int) -> bool:
        """Whether the poll was sent to the person (a toggle draws its question for them)."""
        return await self._polls.progress(poll_id, person.id) is not None

    async def count(self) -> int:
        return await self._polls.count()

    async def close_due(self, now: datetime) -> int:
        """Reminders due go out and polls whose time has come close, each once (also with
        two ticks at once, and across a restart: marked in the transaction that queues)."""
        for poll_id in await self._polls.due_to_remind(now):
            async with self._db.transaction():
                if await self._polls.mark_reminded(poll_id, now):
                    await self._remind(poll_id, now)
        closed = 0
        for poll_id in await self._polls.due_to_close(now):
            async with self._db.transaction():
                if await self._polls.close(poll_id, now):
                    await self._after_closing(poll_id, now)
                    closed += 1
        return closed

    async def _remind(self, poll_id: int, now: datetime) -> None:
        """Those who have not answered every question get the next one they owe again."""
        poll = await self._polls.get(poll_id)
        assert poll is not None
        owing = {
            uid: progress
            for uid, progress in (await self._polls.progress_of_all(poll_id)).items()
            if progress < len(poll.questions)
        }
        await self._outbox.queue_to(
            POLL_REMINDER,
            [Recipient(uid, str(progress)) for uid, progress in owing.items()],
            lambda segment: self._notices.poll_reminder(poll, poll.questions[int(segment)]),
            now,
            subject_id=poll_id,
            created_by=poll.created_by,
        )

    async def _after_closing(self, poll_id: int, now: datetime) -> None:
        """The questions people received lose their buttons (edited to say it closed); those
        who answered get the results, if the organizer allowed it."""
        poll = await self._polls.get(poll_id)
        assert poll is not None
        progress = await self._polls.progress_of_all(poll_id)
        last = len(poll.questions) - 1
        for kind in (POLL, POLL_REMINDER):
            delivered = await self._outbox.delivered(kind, poll_id)
            await self._outbox.cancel_about(kind, poll_id, now)
            await self._outbox.queue_to(
                POLL_CLOSED,
                [
                    Recipient(d.user_id, str(min(progress.get(d.user_id, 0), last)), d.message_id)
                    for d in delivered
                ],
                lambda segment: self._notices.poll_question(poll, poll.questions[int(segment)], ()),
                now,
                subject_id=poll_id,
            )
        if poll.results_public:
            respondents = [uid for uid, done in progress.items() if done > 0]
            results = await self._results_of(poll)
            await self._outbox.queue(
                POLL_RESULTS,
                respondents,
                self._notices.poll_results(results),
                now,
                subject_id=poll_id,
            )

    async def results(self, person: Person, poll_id: int) -> PollResults:
        """Every question's results: for its organizer and admins at any time, for those
        it was sent to once it closed if the organizer allowed it."""
        poll = await self._polls.get(poll_id)
        if poll is None:
            raise refuse(person, f"results of poll {poll_id}")
        owner = person.id == poll.created_by or person.has_any(Role.ADMIN)
        recipient = await self._polls.progress(poll_id, person.id) is not None
        if not owner and not (recipient and poll.results_public and not poll.is_open):
            raise refuse(person, f"results of poll {poll_id}")
        return await self._results_of(poll)

    async def _results_of(self, poll: Poll) -> PollResults:
        asked = await self._polls.asked(poll.id)
        questions = []
        for question in poll.questions:
            tally = await self._polls.tally(poll, question)
            questions.append(_question_results(question, tally, asked))
        return PollResults(poll, asked, await self._polls.finished(poll.id), tuple(questions))

    async def export(self, person: Person, poll_id: int) -> tuple[PollResults, list[NamedResponse]]:
        """What the organizer's CSV holds: the results, and for a named poll each
        respondent's answers (an anonymous one has none to give)."""
        results = await self.results(person, poll_id)
        if results.poll.created_by != person.id and not person.has(Role.ADMIN):
            raise refuse(person, f"export poll {poll_id}")
        if results.poll.anonymous:
            return results, []
        return results, await self._polls.named_responses(results.poll)

    async def listing(self, person: Person, page: int) -> Page[PollLine]:
        """The person's polls newest first (an admin's: everyone's), a page of them."""
        self._check_organizer(person, "list polls")
        creator = None if person.has(Role.ADMIN) else person.id
        lines, total = await self._polls.listing(creator, max(page, 0) * LIST_PAGE, LIST_PAGE)
        pages = max(1, -(-total // LIST_PAGE))
        if page >= pages and total:
            return await self.listing(person, pages - 1)
        return Page(tuple(lines), max(page, 0), pages, total)

    async def close(self, person: Person, poll_id: int, now: datetime) -> Poll:
        """Its organizer (or an admin) closes a poll before its time."""
        poll = await self._polls.get(poll_id)
        if poll is None or not (person.id == poll.created_by or person.has(Role.ADMIN)):
            raise refuse(person, f"close poll {poll_id}")
        async with self._db.transaction():
            if await self._polls.close(poll_id, now):
                await self._after_closing(poll_id, now)
        closed = await self._polls.get(poll_id)
        assert closed is not None
        return closed


def _refused(
    question: Question, choices: tuple[int, ...], text: str | None
) -> AnswerRefused | None:
    if question.kind == QuestionKind.TEXT:
        return None if text is not None else AnswerRefused.NONE_CHOSEN
    if not choices:
        return AnswerRefused.NONE_CHOSEN
    if any(not 0 <= choice < question.choices for choice in choices):
        return AnswerRefused.NOT_YOURS  # an option that does not exist (forged)
    if question.kind != QuestionKind.MULTIPLE and len(choices) > 1:
        return AnswerRefused.TOO_MANY
    if question.max_choices is not None and len(choices) > question.max_choices:
        return AnswerRefused.TOO_MANY
    return None


def _question_results(question: Question, tally: Tally, asked: int) -> QuestionResults:
    # an anonymous respondent who used /forget leaves their counted answer behind
    asked = max(asked, tally.answered)
    if question.kind == QuestionKind.SINGLE:
        table = single_choice_table(tally.counts, asked)
        return QuestionResults(question, table=table, answered=tally.answered)
    if question.kind == QuestionKind.MULTIPLE:
        table = multiple_choice_table(tally.counts, tally.answered, asked)
        return QuestionResults(question, table=table, answered=tally.answered)
    if question.kind == QuestionKind.RATING:
        assert question.scale is not None
        rating = rating_summary(tally.values, question.scale, asked)
        return QuestionResults(question, rating=rating, answered=tally.answered)
    return QuestionResults(question, texts=tally.texts, answered=tally.answered)
