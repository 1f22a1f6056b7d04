"""Reading an uploaded file of recommendations: a text file (a letter), a CSV table or a
Word document, decoded and handed to bot.domain.rec_import; anything else, too big, in
an unknown encoding or broken is refused with the reason."""

from __future__ import annotations

import codecs
import csv
import io
from enum import StrEnum
from pathlib import PurePath

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from bot.domain.rec_import import parse_csv, parse_text
from bot.domain.recommendations import ImportedText

MAX_UPLOAD_BYTES = 1024 * 1024
SUFFIXES = (".txt", ".csv", ".docx")
BULLET = "● "


class UnreadableReason(StrEnum):
    TYPE = "type"  # not .txt, .csv or .docx
    TOO_BIG = "too_big"  # over MAX_UPLOAD_BYTES
    ENCODING = "encoding"  # neither UTF-8 (with or without BOM), UTF-16 with BOM nor cp1251
    BROKEN = "broken"  # a .docx that cannot be opened


class UnreadableFile(ValueError):
    def __init__(self, reason: UnreadableReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


def decode(content: bytes) -> str:
    """Text from UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
    or cp1251; UnreadableFile(ENCODING) when none fits or the bytes are binary."""
    try:
        if content.startswith(codecs.BOM_UTF8):
            text = content[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = content.decode("utf-16")
        else:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError:
                text = content.decode("cp1251")
    except UnicodeDecodeError as error:
        raise UnreadableFile(UnreadableReason.ENCODING) from error
    if "\x00" in text:
        raise UnreadableFile(UnreadableReason.ENCODING)
    return text


def _is_list(paragraph: Paragraph) -> bool:
    """A paragraph of a Word list: a «List …» style or numbering of its own."""
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.lower().startswith("list"):
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _is_heading(paragraph: Paragraph) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    return style.lower().startswith("heading")


def _paragraph_text(paragraph: Paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    if _is_heading(paragraph):
        # A heading reads as a heading line: it ends with a colon.
        return text if text.endswith(":") else text.rstrip(".!?;,") + ":"
    if _is_list(paragraph):
        return BULLET + text
    return text


def _blocks(container) -> list[str]:
    """The texts of a document's (or a table cell's) paragraphs and tables, in order."""
    texts: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            texts.append(_paragraph_text(item))
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per column
                        continue
                    seen.add(id(cell._tc))
                    texts.extend(_blocks(cell))
    return texts


def docx_text(content: bytes) -> str:
    """A Word document as text: one paragraph a block, list paragraphs as «● » bullets,
    headings ending with a colon; UnreadableFile(BROKEN) when it cannot be opened."""
    try:
        document = docx.Document(io.BytesIO(content))
        blocks = _blocks(document)
    except Exception as error:  # python-docx raises many kinds for a damaged file
        raise UnreadableFile(UnreadableReason.BROKEN) from error
    return "\n\n".join(block for block in blocks if block)


def read_upload(filename: str, content: bytes) -> ImportedText:
    """What an uploaded .txt (a letter), .csv (section, recommendation, groups) or .docx
    file holds; UnreadableFile with the reason (TYPE, TOO_BIG, ENCODING, BROKEN)."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(UnreadableReason.TYPE)
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(UnreadableReason.TOO_BIG)
    if suffix == ".docx":
        return parse_text(docx_text(content))
    text = decode(content)
    if suffix != ".csv":
        return parse_text(text)
    try:
        return parse_csv(text)
    except csv.Error as error:  # an unmatched quote swallowing the rest, say
        raise UnreadableFile(UnreadableReason.BROKEN) from error
