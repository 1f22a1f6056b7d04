"""Quick polls and questionnaires: an organizer sends one to an audience through the outbox;
each recipient answers with a tap, one question at a time; the poll closes at its time;
results are counted from what was stored. Each action is one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.audience import Audience, AudienceRepository
from bot.db.repositories.polls import PollsRepository, Tally
from bot.domain.consultation_reports import Page
from bot.domain.errors import InvalidChoice
from bot.domain.events import Reach
from bot.domain.limits import Action
from bot.domain.notifications import REQUESTED
from bot.domain.outbox import Recipient
from bot.domain.people import Contact, Person
from bot.domain.poll_results import (
    multiple_choice_table,
    rating_summary,
    single_choice_table,
)
from bot.domain.polls import (
    MAX_ANSWER_LENGTH,
    MAX_OPEN,
    MAX_QUESTIONS,
    MAX_TITLE_LENGTH,
    MIN_ANONYMOUS_AUDIENCE,
    MIN_OPEN,
    POLL,
    POLL_CLOSED,
    POLL_REMINDER,
    POLL_RESULTS,
    REMIND_BEFORE,
    AnswerRefused,
    Breakdown,
    Dimension,
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
from bot.services.limits import Limits
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.text_input import TextRule, clean_text

POLL_ANSWER = TextRule(min_length=1, max_length=MAX_ANSWER_LENGTH)


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
    text: str | None = None  # what was written (a free text, «Other»)


LIST_PAGE = 8


class PollsService:
    def __init__(
        self,
        db: Database,
        polls: PollsRepository,
        audience: AudienceRepository,
        outbox: Outbox,
        notices: Notices,
        *,
        limits: Limits | None = None,
    ) -> None:
        self._limits = limits
        self._db = db
        self._polls = polls
        self._audience = audience
        self._outbox = outbox
        self._notices = notices

    def check_organizer(self, person: Person, action: str) -> None:
        if not person.has_any(Role.ORGANIZER, Role.ADMIN):
            raise refuse(person, action)

    async def reach(self, person: Person, audience: Audience) -> Reach:
        """Who a poll to `audience` goes to (its organizer left out) and who is left out:
        the preview and the sending count the same people."""
        self.check_organizer(person, "count a poll's audience")
        people = await self._audience.people(audience)
        return Reach(
            tuple(uid for uid in people if uid != person.id),
            organizer_included=person.id in people,
            unreachable=await self._audience.count_unreachable(audience),
        )

    @staticmethod
    def check_closing(closes_at: datetime, now: datetime) -> None:
        """InvalidPoll unless the closing time is 1 hour to 12 weeks ahead."""
        if closes_at <= now:
            raise InvalidPoll(PollProblem.CLOSES_IN_THE_PAST)
        if closes_at - now < MIN_OPEN:
            raise InvalidPoll(PollProblem.CLOSES_TOO_SOON)
        if closes_at - now > MAX_OPEN:
            raise InvalidPoll(PollProblem.CLOSES_TOO_LATE)

    @classmethod
    def check(
        cls,
        title: str,
        questions: Sequence[DraftQuestion],
        closes_at: datetime,
        now: datetime,
    ) -> tuple[str, list[DraftQuestion]]:
        """The poll's title (the organizer's, or its first question) and questions as they
        will be sent, or InvalidPoll."""
        if not questions:
            raise InvalidPoll(PollProblem.NO_QUESTION)
        if len(questions) > MAX_QUESTIONS:
            raise InvalidPoll(PollProblem.MANY_QUESTIONS)
        checked = [checked_question(i, q) for i, q in enumerate(questions)]
        title = " ".join(title.split())
        if len(title) > MAX_TITLE_LENGTH:
            raise InvalidPoll(PollProblem.LONG_TITLE)
        cls.check_closing(closes_at, now)
        return title or checked[0].text, checked

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
        remind_before: timedelta | None = REMIND_BEFORE,
    ) -> Sent:
        """The poll checked, stored and queued to its audience (not to its organizer), its
        first question in each reader's message; one reminder `remind_before` closing (none
        if that is already past). InvalidPoll for what cannot be sent."""
        self.check_organizer(person, "send a poll")
        closes_at = closes_at.astimezone(UTC)
        title, checked = self.check(title, questions, closes_at, now)
        async with self._db.transaction():
            if self._limits is not None:
                await self._limits.spend(person, Action.POLL, now)
            people = (await self.reach(person, audience)).recipients
            if not people:
                raise InvalidPoll(PollProblem.NOBODY)
            if anonymous and len(people) < MIN_ANONYMOUS_AUDIENCE:
                raise InvalidPoll(PollProblem.FEW_FOR_ANONYMOUS)
            remind_at = closes_at - remind_before if remind_before else None
            poll_id = await self._polls.create(
                title,
                anonymous,
                results_public,
                person.id,
                closes_at,
                checked,
                now,
                remind_at if remind_at is not None and remind_at > now else None,
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
        point - 1; a text for a free-text question or «Other»). A named answer may be given
        again until closing; an anonymous one once (nothing links it back to change it)."""
        async with self._db.transaction():
            answerable = await self._answerable(person, poll_id, position, now)
            if isinstance(answerable, AnswerRefused):
                return answerable
            poll, progress = answerable
            question = poll.questions[position]
            choices = tuple(sorted(set(chosen)))
            refused = _refused(question, choices, text)
            if refused is not None:
                return refused
            first_time = position == progress
            body = clean_text(text, POLL_ANSWER) if question.needs_text(choices) else None
            if first_time and not await self._polls.advance(poll_id, person.id, position):
                return AnswerRefused.ANSWERED
            if poll.anonymous:
                if question.kind != QuestionKind.TEXT:
                    await self._polls.count_anonymous(
                        question.id, choices, question.kind == QuestionKind.MULTIPLE
                    )
                if body is not None:
                    await self._polls.add_anonymous_text(question.id, body, now)
            else:
                await self._polls.record_named(question, person.id, choices, body, now)
                if contact is not None:  # the name the organizer sees, as it is now
                    await self._polls.name_respondent(poll_id, contact)
            following = position + 1
            if first_time and following == len(poll.questions):
                # all answered: a reminder still queued would ask again
                await self._outbox.cancel_for(POLL_REMINDER, poll_id, person.id, now)
            next_question = (
                poll.questions[following]
                if first_time and following < len(poll.questions)
                else None
            )
            return Answered(
                poll, question, choices, next_question, changed=not first_time, text=body
            )

    async def _answerable(
        self, person: Person, poll_id: int, position: int, now: datetime
    ) -> tuple[Poll, int] | AnswerRefused:
        """The poll and the person's progress, if the question is theirs to answer now: the
        poll sent to them and open, the question asked (not one ahead, as a forged button
        may say), and for an anonymous poll not answered yet."""
        if not 0 <= poll_id < 2**62 or not 0 <= position < MAX_QUESTIONS:
            return AnswerRefused.NOT_YOURS  # a forged button
        poll = await self._polls.get(poll_id)
        progress = await self._polls.progress(poll_id, person.id)
        if poll is None or progress is None or not 0 <= position < len(poll.questions):
            return AnswerRefused.NOT_YOURS
        if not poll.is_open or poll.closes_at <= now:
            return AnswerRefused.CLOSED
        if position > progress:
            return AnswerRefused.NOT_YOURS
        if poll.anonymous and position < progress:
            return AnswerRefused.ANSWERED
        return poll, progress

    async def writable(
        self, person: Person, poll_id: int, position: int, now: datetime
    ) -> tuple[Poll, Question] | AnswerRefused:
        """Whether the person may write an answer to the question now (before the typing
        step opens)."""
        answerable = await self._answerable(person, poll_id, position, now)
        if isinstance(answerable, AnswerRefused):
            return answerable
        poll, _progress = answerable
        return poll, poll.questions[position]

    async def waiting(self, person: Person, now: datetime) -> list[tuple[Poll, Question]]:
        """The open polls waiting for the person's answers, each with the next question
        they owe (a questionnaire left half-way resumes there)."""
        waiting = []
        for poll_id, progress in await self._polls.waiting(person.id, now):
            poll = await self._polls.get(poll_id)
            if poll is not None and progress < len(poll.questions):
                waiting.append((poll, poll.questions[progress]))
        return waiting

    async def resend(
        self, person: Person, poll_id: int, now: datetime
    ) -> tuple[Poll, Question] | AnswerRefused:
        """The next question the person owes in a poll sent to them, queued to them again
        as a new message (to resume a questionnaire left half-way): the newest message
        of a poll a reader has is the one whose buttons closing takes away."""
        if not 0 <= poll_id < 2**62:
            return AnswerRefused.NOT_YOURS
        async with self._db.transaction():
            progress = await self._polls.progress(poll_id, person.id)
            poll = await self._polls.get(poll_id)
            if poll is None or progress is None:
                return AnswerRefused.NOT_YOURS
            if not poll.is_open or poll.closes_at <= now:
                return AnswerRefused.CLOSED
            if progress >= len(poll.questions):
                return AnswerRefused.ANSWERED
            question = poll.questions[progress]
            await self._send_question(poll, question, person.id, now)
        return poll, question

    async def _send_question(
        self, poll: Poll, question: Question, user_id: int, now: datetime
    ) -> None:
        await self._outbox.queue_to(
            POLL,
            [Recipient(user_id, str(question.position))],
            lambda _segment: self._notices.poll_question(poll, question, ()),
            now,
            subject_id=poll.id,
            created_by=poll.created_by,
            treat=REQUESTED,  # the person asked for it: their settings do not hold it
        )

    async def waiting_count(self, person: Person, now: datetime) -> int:
        """How many open polls wait for the person's answers: the main menu's figure."""
        return await self._polls.waiting_count(person.id, now)

    async def own_text(self, person: Person, poll: Poll, question: Question) -> str | None:
        """What the person wrote in a named poll (an anonymous one keeps no such link)."""
        if poll.anonymous:
            return None
        return await self._polls.written(question.id, person.id)

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
        # every message of the poll a reader has (the invitation, a question sent again
        # from /polls, the reminder): a campaign edits one message a reader, so a round each
        rounds: list[list[Recipient]] = []
        seen: dict[int, int] = {}
        for kind in (POLL, POLL_REMINDER):
            delivered = await self._outbox.delivered(kind, poll_id, every=True)
            await self._outbox.cancel_about(kind, poll_id, now)
            for d in delivered:
                nth = seen.get(d.user_id, 0)
                seen[d.user_id] = nth + 1
                if nth == len(rounds):
                    rounds.append([])
                segment = str(min(progress.get(d.user_id, 0), last))
                rounds[nth].append(Recipient(d.user_id, segment, d.message_id))
        for recipients in rounds:
            await self._outbox.queue_to(
                POLL_CLOSED,
                recipients,
                lambda segment: self._notices.poll_question(poll, poll.questions[int(segment)], ()),
                now,
                subject_id=poll_id,
            )
        if poll.results_public:
            respondents = [uid for uid, done in progress.items() if done > 0]
            results = await self._results_of(poll)
            results = replace(  # counts only: what others wrote stays with the organizer
                results, questions=tuple(replace(q, texts=()) for q in results.questions)
            )
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
        if owner:
            return await self._results_of(poll)
        # a respondent, once it closed, if allowed: the counts, as the notice gave them,
        # never what others wrote
        answered = (await self._polls.progress(poll_id, person.id) or 0) > 0
        if not (answered and poll.results_public and not poll.is_open):
            raise refuse(person, f"results of poll {poll_id}")
        results = await self._results_of(poll)
        return replace(results, questions=tuple(replace(q, texts=()) for q in results.questions))

    async def _results_of(self, poll: Poll) -> PollResults:
        asked = await self._polls.asked(poll.id)
        tallies = await self._polls.tallies(poll)
        questions = tuple(_question_results(q, tallies[q.id], asked) for q in poll.questions)
        return PollResults(poll, asked, await self._polls.finished(poll.id), questions)

    async def breakdown(
        self, person: Person, poll_id: int, position: int, dimension: Dimension
    ) -> tuple[PollResults, Breakdown]:
        """A named poll's choice or rating question, group by group, for its organizer (an
        anonymous poll has none: small groups would show who answered what)."""
        results = await self.results(person, poll_id)
        owner = results.poll.created_by == person.id or person.has(Role.ADMIN)
        if not owner or results.poll.anonymous:
            raise refuse(person, f"breakdown of poll {poll_id}")
        if not 0 <= position < len(results.poll.questions):
            raise InvalidChoice(f"poll {poll_id} question {position}")
        question = results.poll.questions[position]
        if question.kind == QuestionKind.TEXT:
            raise InvalidChoice(f"poll {poll_id} question {position} is a free text")
        return results, await self._polls.breakdown(question, dimension)

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
        self.check_organizer(person, "list polls")
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
    if any(not 0 <= choice < question.choices for choice in choices):
        return AnswerRefused.NOT_YOURS  # an option that does not exist (forged)
    if question.kind == QuestionKind.TEXT:
        if choices:
            return AnswerRefused.NOT_YOURS
        return None if text is not None and text.strip() else AnswerRefused.NO_TEXT
    if not choices:
        return AnswerRefused.NONE_CHOSEN
    if question.kind != QuestionKind.MULTIPLE and len(choices) > 1:
        return AnswerRefused.TOO_MANY
    if question.max_choices is not None and len(choices) > question.max_choices:
        return AnswerRefused.TOO_MANY
    if question.needs_text(choices) != (text is not None):
        return AnswerRefused.NO_TEXT  # «Other» without its words, or words without it
    if text is not None and not text.strip():
        return AnswerRefused.NO_TEXT
    return None


def _question_results(question: Question, tally: Tally, asked: int) -> QuestionResults:
    # an anonymous respondent who used /forget leaves their counted answer behind
    asked = max(asked, tally.answered)
    if question.kind == QuestionKind.SINGLE:
        table = single_choice_table(tally.counts, asked)
        return QuestionResults(question, table=table, texts=tally.texts, answered=tally.answered)
    if question.kind == QuestionKind.MULTIPLE:
        table = multiple_choice_table(tally.counts, tally.answered, asked)
        return QuestionResults(question, table=table, texts=tally.texts, answered=tally.answered)
    if question.kind == QuestionKind.RATING:
        assert question.scale is not None
        rating = rating_summary(tally.values, question.scale, asked)
        return QuestionResults(question, rating=rating, answered=tally.answered)
    return QuestionResults(question, texts=tally.texts, answered=tally.answered)
