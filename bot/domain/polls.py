"""Quick polls and questionnaires: questions, their options, a person's answer, the rules
a poll must keep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.poll_results import ChoiceTable, RatingSummary

# Campaign kinds of the outbox about polls (subject: the poll).
POLL = "poll.invitation"  # the poll's first question, to each recipient
POLL_REMINDER = "poll.reminder"  # once before closing, to those who have not answered all
POLL_CLOSED = "poll.closed"  # delivered questions edited: closed, no buttons
POLL_RESULTS = "poll.results"  # the results, to respondents after closing when allowed
REMIND_BEFORE = timedelta(hours=24)

MIN_OPTIONS = 2
MAX_OPTIONS = 12
MAX_OPTION_LENGTH = 60  # an option is a button: a phone shows about this much
MAX_QUESTION_LENGTH = 300
MAX_TITLE_LENGTH = 200
MAX_ANSWER_LENGTH = 1000  # a free text, or what «Other» is
MAX_QUESTIONS = 20
MAX_OPEN = timedelta(weeks=12)  # the latest closing time, from sending
MIN_OPEN = timedelta(hours=1)
# An anonymous poll goes to at least this many people: with fewer, its counts would tell
# the organizer who answered what.
MIN_ANONYMOUS_AUDIENCE = 3


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    RATING = "rating"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Question:
    id: int
    position: int
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()  # choice questions
    max_choices: int | None = None  # multiple choice: at most this many (None: any)
    scale: int | None = None  # rating: 5 or 10
    other: bool = False  # choice: «Other (write it)» after the options

    @property
    def choices(self) -> int:
        """How many choices answer it: its options (and «Other»), or the points of its
        scale."""
        if self.kind == QuestionKind.RATING:
            return self.scale or 0
        return len(self.options) + int(self.other)

    @property
    def other_index(self) -> int | None:
        """The choice that is «Other (write it)», if the question offers it."""
        return len(self.options) if self.other else None

    def needs_text(self, chosen: tuple[int, ...]) -> bool:
        """Whether this answer comes with a text: a free-text question, or «Other»."""
        return self.kind == QuestionKind.TEXT or (
            self.other_index is not None and self.other_index in chosen
        )


@dataclass(frozen=True, slots=True)
class Poll:
    id: int
    title: str
    anonymous: bool
    results_public: bool
    created_by: int | None
    created_at: datetime
    closes_at: datetime
    closed_at: datetime | None
    questions: tuple[Question, ...]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class NamedResponse:
    """A named poll's respondent and their answers, for the organizer's CSV."""

    user_id: int
    name: str
    username: str | None
    country: str | None
    answers: tuple[tuple[int, ...], ...]  # per question: the options chosen
    texts: tuple[str | None, ...]  # per question: a typed answer


@dataclass(frozen=True, slots=True)
class PollLine:
    """A poll in its organizer's list."""

    id: int
    title: str
    closes_at: datetime
    closed_at: datetime | None
    asked: int
    finished: int  # answered every question


@dataclass(frozen=True, slots=True)
class DraftQuestion:
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    max_choices: int | None = None
    scale: int | None = None
    other: bool = False


@dataclass(frozen=True, slots=True)
class QuestionResults:
    question: Question
    table: ChoiceTable | None = None  # choices
    rating: RatingSummary | None = None
    texts: tuple[str, ...] = ()  # free texts, or what «Other» was
    answered: int = 0


@dataclass(frozen=True, slots=True)
class PollResults:
    poll: Poll
    asked: int
    finished: int  # answered every question
    questions: tuple[QuestionResults, ...]


class PollProblem(StrEnum):
    """Why a poll cannot be sent as it is."""

    NO_QUESTION = "no_question"
    FEW_OPTIONS = "few_options"  # fewer than MIN_OPTIONS
    MANY_OPTIONS = "many_options"  # more than MAX_OPTIONS
    SAME_OPTIONS = "same_options"  # two options read the same
    LONG_OPTION = "long_option"  # over MAX_OPTION_LENGTH
    LONG_QUESTION = "long_question"
    EMPTY_TEXT = "empty_text"  # a question or an option without words
    BAD_MAXIMUM = "bad_maximum"  # a multiple choice's maximum outside 1..options
    BAD_SCALE = "bad_scale"
    CLOSES_IN_THE_PAST = "closes_in_the_past"
    NOBODY = "nobody"  # the audience reaches nobody
    FEW_FOR_ANONYMOUS = "few_for_anonymous"  # under MIN_ANONYMOUS_AUDIENCE people
    LONG_TITLE = "long_title"
    MANY_QUESTIONS = "many_questions"
    CLOSES_TOO_SOON = "closes_too_soon"  # under MIN_OPEN ahead
    CLOSES_TOO_LATE = "closes_too_late"  # over MAX_OPEN ahead
    BAD_OTHER = "bad_other"  # «Other» on a question without options


class InvalidPoll(ValueError):
    def __init__(self, problem: PollProblem, question: int | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.question = question  # the position of the question at fault


def checked_question(position: int, draft: DraftQuestion) -> DraftQuestion:
    """The question with its texts trimmed, or InvalidPoll."""
    text = " ".join(draft.text.split())
    if not text:
        raise InvalidPoll(PollProblem.EMPTY_TEXT, position)
    if len(text) > MAX_QUESTION_LENGTH:
        raise InvalidPoll(PollProblem.LONG_QUESTION, position)
    options = tuple(" ".join(option.split()) for option in draft.options)
    if draft.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(options) < MIN_OPTIONS:
            raise InvalidPoll(PollProblem.FEW_OPTIONS, position)
        if len(options) > MAX_OPTIONS:
            raise InvalidPoll(PollProblem.MANY_OPTIONS, position)
        if any(not option for option in options):
            raise InvalidPoll(PollProblem.EMPTY_TEXT, position)
        if any(len(option) > MAX_OPTION_LENGTH for option in options):
            raise InvalidPoll(PollProblem.LONG_OPTION, position)
        if len({option.casefold() for option in options}) < len(options):
            raise InvalidPoll(PollProblem.SAME_OPTIONS, position)
    elif options:
        raise InvalidPoll(PollProblem.MANY_OPTIONS, position)
    elif draft.other:
        raise InvalidPoll(PollProblem.BAD_OTHER, position)
    maximum = draft.max_choices
    if draft.kind == QuestionKind.MULTIPLE and maximum is not None:
        if not 1 <= maximum <= len(options) + int(draft.other):
            raise InvalidPoll(PollProblem.BAD_MAXIMUM, position)
    elif maximum is not None:
        raise InvalidPoll(PollProblem.BAD_MAXIMUM, position)
    if (draft.kind == QuestionKind.RATING) != (draft.scale in (5, 10)):
        raise InvalidPoll(PollProblem.BAD_SCALE, position)
    return DraftQuestion(draft.kind, text, options, maximum, draft.scale, draft.other)


class AnswerRefused(StrEnum):
    CLOSED = "closed"  # the poll has closed
    NOT_YOURS = "not_yours"  # the poll was not sent to this person
    ANSWERED = "answered"  # an anonymous poll's question answered already
    TOO_MANY = "too_many"  # more choices than the question's maximum
    NONE_CHOSEN = "none_chosen"  # Done pressed with nothing chosen
    NO_TEXT = "no_text"  # a free text or «Other» without its words


class Dimension(StrEnum):
    """How a named poll's answers are broken down: by the respondent's country, by the
    type of their organizations, by the themes of their organizations and expertise."""

    COUNTRY = "country"
    KIND = "kind"
    THEME = "theme"


@dataclass(frozen=True, slots=True)
class GroupCounts:
    value: str  # a country code, an organization type, a theme
    answered: int  # respondents of the group who answered the question
    counts: tuple[int, ...]  # per choice: how many of them chose it


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A named poll's question, answered, group by group (a person in two groups counts
    in both); `outside`: those who answered and are in none (no organization, say)."""

    dimension: Dimension
    groups: tuple[GroupCounts, ...]
    outside: int
