"""Passing what a person sends into a consultation's thread (text, or a photo or a document
with its caption), from Telegram's «Reply» or from the thread's «Reply» step: what the
desk is given, and what the person is told."""

from __future__ import annotations

from enum import Enum

from aiogram.types import Message

from bot.domain.consultations import IncomingFile, InvalidFile, Refused
from bot.domain.people import Person
from bot.services.container import Services
from bot.services.text_input import InvalidText
from bot.ui.consultations import file_refused_text, refused_text, sent_text
from dialogs.common import problem_message


def incoming_file(message: Message) -> IncomingFile | None:
    """What the person sent other than text (a photo at its largest size); None for text."""
    if message.photo:
        largest = message.photo[-1]
        return IncomingFile("photo", largest.file_id, largest.file_size)
    if message.document is not None:
        document = message.document
        return IncomingFile("document", document.file_id, document.file_size, document.file_name)
    if message.text is not None:
        return None
    return IncomingFile(str(message.content_type))


class Outcome(Enum):
    SENT = "sent"  # in the thread, on its way to the other side
    RETRY = "retry"  # cannot be passed on as it is (too long, a voice message...)
    CLOSED = "closed"  # the request is no longer in progress


async def relay(
    message: Message, person: Person, services: Services, consultation_id: int
) -> tuple[str, Outcome]:
    """What the person is told, and what became of what they sent."""
    file = incoming_file(message)
    text = message.text if file is None else message.caption
    try:
        result = await services.consultations.reply(
            person, consultation_id, text, services.now(), file
        )
    except InvalidText as error:
        return problem_message(error, person.locale), Outcome.RETRY
    except InvalidFile as error:
        return file_refused_text(error.problem, person.locale), Outcome.RETRY
    if isinstance(result, Refused):
        return refused_text(result), Outcome.CLOSED
    return sent_text(result), Outcome.SENT
