"""The knowledge base: resolved consultations published without names, with the consent of
both the member who asked and the expert who answered (either can withdraw it)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# The outbox campaign that asks the expert (subject: the request), once the member agreed.
CONSENT_QUESTION = "consultation.faq_consent"

PAGE = 5  # entries per page of /faq
MAX_WORDS = 8  # words of one search that count
MIN_WORD = 2  # shorter words are left out of a search


@dataclass(frozen=True, slots=True)
class Case:
    """A resolved request as far as its publication goes: who may decide, what each said
    (None: not asked or not answered yet)."""

    consultation_id: int
    asker_id: int
    expert_id: int | None
    status: str
    theme: str
    asker_consent: bool | None
    expert_consent: bool | None

    @property
    def published(self) -> bool:
        return (
            self.status == "resolved"
            and self.expert_id is not None
            and self.asker_consent is True
            and self.expert_consent is True
        )


@dataclass(frozen=True, slots=True)
class Consent:
    """Where a publication stands, as one side of the exchange sees it."""

    case: Case
    side: str  # asker | expert

    @property
    def mine(self) -> bool | None:
        return self.case.asker_consent if self.side == "asker" else self.case.expert_consent

    @property
    def theirs(self) -> bool | None:
        return self.case.expert_consent if self.side == "asker" else self.case.asker_consent


@dataclass(frozen=True, slots=True)
class EntryMessage:
    author: str  # asker | expert
    body: str
    file_kind: str | None  # photo | document: the file itself is not published


@dataclass(frozen=True, slots=True)
class Entry:
    """A published exchange: nothing in it names anyone. `key` finds it again; it is never
    shown (it is the request's number)."""

    key: int
    theme: str
    country: str
    question: str
    messages: tuple[EntryMessage, ...]


@dataclass(frozen=True, slots=True)
class EntryView:
    entry: Entry
    mine: bool  # the reader is the member or the expert of this exchange


@dataclass(frozen=True, slots=True)
class Summary:
    """A line of a result list."""

    key: int
    theme: str
    question: str


@dataclass(frozen=True, slots=True)
class Found:
    entries: list[Summary]
    total: int


def _trimmed(word: str) -> str:
    """The word without punctuation and symbols around it («law,» → law)."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] in "PSZ":
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] in "PSZ":
        end -= 1
    return word[start:end]


def search_words(text: str) -> tuple[str, ...]:
    """The words of a search, lower case, each once: punctuation around them and words
    shorter than MIN_WORD left out, at most MAX_WORDS."""
    words: list[str] = []
    for raw in text.split():
        word = _trimmed(raw).lower()
        if len(word) >= MIN_WORD and word not in words:
            words.append(word)
    return tuple(words[:MAX_WORDS])
