from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.consultations import (
    MAX_QUESTION_FILES,
    Attachment,
    Draft,
    FileKind,
    FileProblem,
    InvalidFile,
    Refused,
    SentFile,
    checked_file,
)
from bot.services.text_input import InvalidText, clean_caption
from bot.ui.consultations import (
    asked_text,
    commented_text,
    file_refused_text,
    files_step_hint,
    refused_text,
)
from dialogs.ask.states import Ask as S
from dialogs.common import (
    ERROR_KEY,
    back_to_menu,
    bot_of,
    now_of,
    person_of,
    problem_message,
    services_of,
    set_error,
)
from dialogs.relay import Outcome, incoming_file, relay


def choose(key: str, next_state: Any) -> Any:
    async def on_click(callback: CallbackQuery, _w: Any, manager: DialogManager, item: str) -> None:
        manager.dialog_data[key] = item
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(next_state)

    return on_click


async def on_question(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["question"] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.files)


FILES_KEY = "files"  # [[kind, file_id, caption], ...] sent with the question


def files_of(manager: DialogManager) -> tuple[SentFile, ...]:
    return tuple(
        SentFile(Attachment(FileKind(kind), file_id), caption)
        for kind, file_id, caption in manager.dialog_data.get(FILES_KEY, [])
    )


async def on_file(message: Message, _w: Any, manager: DialogManager) -> None:
    """A photo or a document for the question (checked now, sent with it)."""
    person = person_of(manager)
    file = incoming_file(message)
    attached = manager.dialog_data.setdefault(FILES_KEY, [])
    if file is None:  # text: the question was written on the step before
        set_error(manager, files_step_hint())
        return
    try:
        if len(attached) >= MAX_QUESTION_FILES:
            raise InvalidFile(FileProblem.TOO_MANY)
        checked = checked_file(file)
        caption = clean_caption(message.caption)
    except InvalidFile as error:
        set_error(manager, file_refused_text(error.problem, person.locale))
        return
    except InvalidText as error:
        set_error(manager, problem_message(error, person.locale))
        return
    manager.dialog_data.pop(ERROR_KEY, None)
    attached.append([checked.kind.value, checked.file_id, caption])


async def files_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.anonymous)


async def clear_files(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(FILES_KEY, None)
    manager.dialog_data.pop(ERROR_KEY, None)


def anonymity(anonymous: bool) -> Any:
    async def on_click(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        manager.dialog_data["anonymous"] = anonymous
        await manager.switch_to(S.summary)

    return on_click


async def on_send(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    person = person_of(manager)
    draft = Draft(
        data["theme"],
        data["country"],
        data["language"],
        data["question"],
        data["anonymous"],
        files_of(manager),
    )
    result = await services_of(manager).consultations.ask(
        person, draft, callback.from_user.full_name, now_of(manager)
    )
    bot = bot_of(manager)
    if isinstance(result, Refused):
        await bot.send_message(person.id, refused_text(result))
    else:
        await bot.send_message(person.id, asked_text(result.consultation, result.experts))
    await back_to_menu(manager)


async def on_reply(message: Message, _w: Any, manager: DialogManager) -> None:
    """A message in a thread after «Reply»: text, a photo or a document. What cannot be
    passed on as it is gets its reason above the prompt, to send again; once the request
    is closed, the step closes."""
    person = person_of(manager)
    consultation_id = int(manager.start_data["id"])  # type: ignore[index]
    text, outcome = await relay(message, person, services_of(manager), consultation_id)
    if outcome is Outcome.RETRY:
        set_error(manager, text)
        return
    manager.dialog_data.pop(ERROR_KEY, None)
    if outcome is Outcome.SENT:
        # the step stays open: an album is several messages, and more may follow
        manager.dialog_data["sent"] = text
        return
    await bot_of(manager).send_message(person.id, text)
    await manager.done()


async def on_comment(message: Message, manager: DialogManager, value: str) -> None:
    person = person_of(manager)
    consultation_id = int(manager.start_data["id"])  # type: ignore[index]
    result = await services_of(manager).consultations.comment(
        person, consultation_id, value, now_of(manager)
    )
    text = refused_text(result) if isinstance(result, Refused) else commented_text(result)
    await bot_of(manager).send_message(person.id, text)
    await manager.done()
