"""Consultations: a request from a member, the expert who takes it, their conversation,
and how it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# Campaign kinds of the outbox about consultations (subject: the request).
OFFER = "consultation.offer"  # the card with Take, to every matching expert
OFFER_TAKEN = "consultation.offer_taken"  # the other experts' cards edited to "taken"
UNMATCHED = "consultation.unmatched"  # organizers told that no expert matches
TAKEN = "consultation.taken"  # the asker told who took it (or that an expert did)
RELAYED = "consultation.message"  # a message of one side to the other
RESOLVED = "consultation.resolved"  # the expert told that it is resolved, and the rating
TAKE_REMINDER = "consultation.take_reminder"  # matching experts reminded of an untaken one
ALERT = "consultation.alert"  # organizers alerted that nobody took it
ANSWER_REMINDER = "consultation.answer_reminder"  # the expert reminded to answer
RETURNED = "consultation.returned"  # back in the queue: the asker told
HANDED_BACK = "consultation.handed_back"  # the expert gave it back: the asker told
PASSED = "consultation.passed"  # passed to another expert: both told
CONTACT_ASKED = "consultation.contact_asked"  # one side offers to exchange contacts
CONTACTS = "consultation.contacts"  # both agreed: each is sent the other's contact
EXPERT_LEFT = "consultation.expert_left"  # the expert used /forget: the asker told
# The messages a reply (Telegram's own) to which belongs in the request's thread.
THREAD_KINDS = (OFFER, TAKEN, RELAYED, ANSWER_REMINDER, PASSED)

MAX_OPEN_PER_PERSON = 3
MAX_QUESTION_FILES = 5  # photos or documents sent with a question
MAX_FILE_BYTES = 20 * 1024 * 1024  # a file relayed in a thread (weak connections read it)
# Documents relayed, by their name's extension: papers, tables, slides and text. Programs,
# scripts and archives (which can hide them) are not; nor pictures sent as files, which keep
# their hidden data (the place a picture was taken): as photos, Telegram strips it.
DOCUMENT_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv", "ppt", "pptx"}
    | {"odp"}
)
PICTURE_EXTENSIONS = frozenset(
    {"jpg", "jpeg", "png", "heic", "heif", "webp", "gif", "tif", "tiff", "bmp"}
)


@dataclass(frozen=True, slots=True)
class DeskTimes:
    """The desk's schedule (operators set it: CONSULTATION_*_HOURS)."""

    take_reminder: timedelta = timedelta(hours=24)
    alert: timedelta = timedelta(hours=48)
    answer_reminder: timedelta = timedelta(hours=24)
    give_back: timedelta = timedelta(hours=72)


@dataclass(frozen=True, slots=True)
class Draft:
    theme: str
    country: str
    language: str
    question: str
    anonymous: bool
    files: tuple[SentFile, ...] = ()


@dataclass(frozen=True, slots=True)
class Consultation:
    id: int
    asker_id: int
    asker_name: str | None  # None for an anonymous request
    anonymous: bool
    theme: str
    country: str
    language: str
    question: str
    status: str  # open | taken | resolved
    expert_id: int | None
    rating: int | None
    rating_comment: str | None
    created_at: datetime
    taken_at: datetime | None = None
    files: int = 0  # photos and documents in the thread
    expert_turn: int = 0  # how many times it changed hands (taken, passed on, given back)
    asker_agreed: bool = False  # to exchange contacts with the expert who has it now
    expert_agreed: bool = False


@dataclass(frozen=True, slots=True)
class ThreadMessage:
    author: str  # asker | expert
    body: str  # a file's caption ("" without one)
    created_at: datetime
    file: Attachment | None = None


class FileKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A photo or a document in a thread, by Telegram's file id (sent on without being
    downloaded)."""

    kind: FileKind
    file_id: str


@dataclass(frozen=True, slots=True)
class SentFile:
    """A photo or a document sent with a question, and its caption ("" without one)."""

    file: Attachment
    caption: str = ""


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """What a person sent that is not text, as Telegram describes it: `kind` is photo,
    document, or what the desk does not relay (voice, video, sticker...)."""

    kind: str
    file_id: str | None = None
    size: int | None = None
    file_name: str | None = None


class FileProblem(StrEnum):
    UNSUPPORTED = "unsupported"  # not a photo nor a document
    FILE_TYPE = "file_type"  # a document of a kind not relayed
    PICTURE_AS_FILE = "picture_as_file"  # a picture sent as a file: to be sent as a photo
    TOO_BIG = "too_big"  # over MAX_FILE_BYTES
    TOO_MANY = "too_many"  # more than MAX_QUESTION_FILES with a question


class InvalidFile(ValueError):
    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def checked_file(incoming: IncomingFile) -> Attachment:
    """The file to relay, or InvalidFile: photos, and documents of the kinds in
    DOCUMENT_EXTENSIONS (pictures as photos), up to MAX_FILE_BYTES."""
    if incoming.kind not in (FileKind.PHOTO, FileKind.DOCUMENT) or not incoming.file_id:
        raise InvalidFile(FileProblem.UNSUPPORTED)
    if incoming.kind == FileKind.DOCUMENT:
        _, dot, extension = (incoming.file_name or "").rpartition(".")
        if dot and extension.lower() in PICTURE_EXTENSIONS:
            raise InvalidFile(FileProblem.PICTURE_AS_FILE)
        if not dot or extension.lower() not in DOCUMENT_EXTENSIONS:
            raise InvalidFile(FileProblem.FILE_TYPE)
    if incoming.size is not None and incoming.size > MAX_FILE_BYTES:
        raise InvalidFile(FileProblem.TOO_BIG)
    return Attachment(FileKind(incoming.kind), incoming.file_id)


class Side(StrEnum):
    ASKER = "asker"
    EXPERT = "expert"


class Refused(StrEnum):
    """Why an action on a request is not taken."""

    GONE = "gone"  # no such request (or not the person's)
    TAKEN = "taken"  # another expert took it first
    NOT_OPEN = "not_open"  # resolved meanwhile
    NOT_MATCHING = "not_matching"  # the expert's profile no longer fits, paused, or unapproved
    TOO_MANY = "too_many"  # the person has MAX_OPEN_PER_PERSON open requests


class ContactShare(StrEnum):
    """What became of one side's agreement to exchange contacts."""

    ASKED = "asked"  # the other side is asked whether they agree too
    EXCHANGED = "exchanged"  # both agreed: each was sent the other's contact
    WAITING = "waiting"  # agreed before; the other side has not
    DONE = "done"  # exchanged before


@dataclass(frozen=True, slots=True)
class Asked:
    consultation: Consultation
    experts: int  # how many matching experts were offered it (0: organizers were told)


@dataclass(frozen=True, slots=True)
class Relayed:
    consultation: Consultation
    side: Side  # who wrote
    reached: bool = True  # False: the other side has blocked the bot (the message is kept)
