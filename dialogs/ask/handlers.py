from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.consultations import Draft, Refused
from bot.ui.consultations import asked_text, refused_text, sent_text
from dialogs.ask.states import Ask as S
from dialogs.common import ERROR_KEY, back_to_menu, bot_of, now_of, person_of, services_of


def choose(key: str, next_state: Any) -> Any:
    async def on_click(callback: CallbackQuery, _w: Any, manager: DialogManager, item: str) -> None:
        manager.dialog_data[key] = item
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(next_state)

    return on_click


async def on_question(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["question"] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.anonymous)


def anonymity(anonymous: bool) -> Any:
    async def on_click(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        manager.dialog_data["anonymous"] = anonymous
        await manager.switch_to(S.summary)

    return on_click


async def on_send(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    person = person_of(manager)
    draft = Draft(
        data["theme"], data["country"], data["language"], data["question"], data["anonymous"]
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


async def on_reply(message: Message, manager: DialogManager, value: str) -> None:
    """A message in a thread, written after «Reply»."""
    person = person_of(manager)
    consultation_id = int(manager.start_data["id"])  # type: ignore[index]
    result = await services_of(manager).consultations.reply(
        person, consultation_id, value, now_of(manager)
    )
    text = refused_text(result) if isinstance(result, Refused) else sent_text(result)
    await bot_of(manager).send_message(person.id, text)
    await manager.done()
