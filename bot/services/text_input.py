"""Checking what people type: trimmed, not empty, not too long, not only emoji; and reading
a contact (e-mail, phone number, Telegram @username or web address)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class TextProblem(StrEnum):
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NO_LETTERS = "no_letters"  # only emoji, punctuation or spaces


@dataclass(frozen=True, slots=True)
class TextRule:
    min_length: int = 1
    max_length: int = 200
    needs_letters: bool = True


class InvalidText(ValueError):
    def __init__(self, problem: TextProblem, rule: TextRule) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.rule = rule


def _has_letters(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def clean_text(raw: str | None, rule: TextRule) -> str:
    """The text with surrounding and repeated inner blank lines trimmed, or InvalidText."""
    text = "\n".join(line.strip() for line in (raw or "").strip().splitlines())
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    if not text:
        raise InvalidText(TextProblem.EMPTY, rule)
    if rule.needs_letters and not _has_letters(text):
        raise InvalidText(TextProblem.NO_LETTERS, rule)
    if len(text) < rule.min_length:
        raise InvalidText(TextProblem.TOO_SHORT, rule)
    if len(text) > rule.max_length:
        raise InvalidText(TextProblem.TOO_LONG, rule)
    return text


def clean_caption(raw: str | None) -> str:
    """A file's caption: none (""), or checked text that fits under a heading; Telegram
    counts a caption in UTF-16 units (an emoji is two)."""
    if not (raw or "").strip():
        return ""
    caption = clean_text(raw, CAPTION)
    if len(caption.encode("utf-16-le")) // 2 > CAPTION.max_length:
        raise InvalidText(TextProblem.TOO_LONG, CAPTION)
    return caption


def one_line(text: str) -> str:
    return " ".join(text.split())


ORG_NAME = TextRule(min_length=2, max_length=120)
REGION = TextRule(min_length=2, max_length=80)
DESCRIPTION = TextRule(min_length=10, max_length=800)
CONTACT = TextRule(min_length=3, max_length=200)
BIO = TextRule(min_length=10, max_length=800)
REASON = TextRule(min_length=2, max_length=500)
ANSWER = TextRule(min_length=1, max_length=1000)
EVENT_TITLE = TextRule(min_length=3, max_length=150)
EVENT_DESCRIPTION = TextRule(min_length=10, max_length=2000)
PLACE = TextRule(min_length=2, max_length=200)
MILESTONE_TITLE = TextRule(min_length=2, max_length=100)
QUESTION = TextRule(min_length=3, max_length=300)
OPTIONS = TextRule(min_length=3, max_length=600)
MESSAGE = TextRule(min_length=2, max_length=2000)
CONSULTATION_QUESTION = TextRule(min_length=10, max_length=2000)
# A photo's or a document's caption, relayed under the request's heading: Telegram takes
# 1,024 characters in a caption, the heading needs the rest. A file says enough without one.
CAPTION = TextRule(min_length=1, max_length=900, needs_letters=False)
# Read further by their own parsers (dates, links, numbers): only the text checks here.
MOMENT = TextRule(min_length=1, max_length=40, needs_letters=True)
SEARCH = TextRule(min_length=2, max_length=60)
POLL_TITLE = TextRule(min_length=3, max_length=200)
POLL_OPTIONS = TextRule(min_length=3, max_length=12 * 61)
LINK = TextRule(min_length=8, max_length=500)


class InvalidContact(ValueError):
    """Not an e-mail, a phone number, a Telegram @username or a web address."""


_HOST = r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}"  # labels, then a TLD of letters
_REST = r"(?::\d{1,5})?(?:[/?#]\S*)?"  # port, path, query
_EMAIL = re.compile(r"[^@\s]+@" + _HOST)
_USERNAME = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,31}")
_LINK = re.compile(r"https?://" + _HOST + _REST, re.IGNORECASE)
_BARE_LINK = re.compile(_HOST + _REST)
_PHONE = re.compile(r"\+?[\d\s().-]+")
_PHONE_DIGITS = (4, 15)  # short service numbers up to E.164's longest


def _one_contact(part: str) -> str:
    if _USERNAME.fullmatch(part) or _EMAIL.fullmatch(part) or _LINK.fullmatch(part):
        return part
    if _BARE_LINK.fullmatch(part):
        return "https://" + part
    if _PHONE.fullmatch(part):
        digits = sum(ch.isdigit() for ch in part)
        if _PHONE_DIGITS[0] <= digits <= _PHONE_DIGITS[1]:
            return part
    raise InvalidContact(part)


def parse_contact(raw: str | None) -> str:
    """One contact or several separated by commas or semicolons, each an e-mail, a phone
    number, a Telegram @username or a web address; an address without its scheme
    ("zoom.us/j/123", "example.org") gets https://. InvalidText or InvalidContact."""
    text = one_line(clean_text(raw, CONTACT))
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    if not parts:
        raise InvalidContact(text)
    contact = ", ".join(_one_contact(part) for part in parts)
    if len(contact) > CONTACT.max_length:
        raise InvalidText(TextProblem.TOO_LONG, CONTACT)
    return contact
