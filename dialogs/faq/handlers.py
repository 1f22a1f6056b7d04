from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.errors import InvalidChoice
from bot.domain.faq import search_words
from bot.services.text_input import InvalidText, TextProblem, TextRule, clean_text, one_line
from bot.ui.faq import withdrawn_text
from dialogs.common import (
    ERROR_KEY,
    now_of,
    person_of,
    problem_message,
    services_of,
    set_error,
)
from dialogs.faq.getters import ALL, SEEN
from dialogs.faq.states import Faq as S

WORDS = TextRule(min_length=2, max_length=100)


def parse_words(raw: str) -> list[str]:
    """The words of a search, or InvalidText (empty, too long, no letters); no word long
    enough is TOO_SHORT."""
    words = list(search_words(one_line(clean_text(raw, WORDS))))
    if not words:
        raise InvalidText(TextProblem.TOO_SHORT, WORDS)
    return words


async def on_theme(callback: CallbackQuery, _w: Any, manager: DialogManager, theme: str) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)
    manager.dialog_data.update(theme=None if theme == ALL else theme, words=[], page=0)
    await manager.switch_to(S.results)


async def on_words(message: Message, _w: Any, manager: DialogManager, words: list[str]) -> None:
    """Words typed on any screen of /faq search every theme."""
    manager.dialog_data.pop(ERROR_KEY, None)
    manager.dialog_data.update(theme=None, words=words, page=0)
    await manager.switch_to(S.results)


async def on_bad_words(message: Message, _w: Any, manager: DialogManager, error: Any) -> None:
    if isinstance(error, InvalidText) and error.problem is TextProblem.TOO_LONG:
        set_error(manager, problem_message(error, person_of(manager).locale))
    else:
        set_error(manager, _("Please type at least one word of two letters or more."))
    await manager.switch_to(S.words)


async def on_not_text(message: Message, _w: Any, manager: DialogManager) -> None:
    set_error(manager, _("Please type the words to search for."))
    await manager.switch_to(S.words)


async def clear_error(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)


async def on_prev(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = max(0, int(manager.dialog_data.get("page", 0)) - 1)


async def on_next(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = int(manager.dialog_data.get("page", 0)) + 1


async def on_entry(callback: CallbackQuery, _w: Any, manager: DialogManager, place: str) -> None:
    """An entry this dialog listed (still published or not: its screen says)."""
    seen = manager.dialog_data.get(SEEN) or []
    if not place.isdigit() or int(place) >= len(seen):
        raise InvalidChoice(f"faq entry {place!r}")
    manager.dialog_data["entry"] = seen[int(place)]
    await manager.switch_to(S.entry)


async def on_withdraw(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await services_of(manager).faq.withdraw(
        person_of(manager), int(manager.dialog_data["entry"]), now_of(manager)
    )
    manager.dialog_data["notice"] = withdrawn_text()
    await manager.switch_to(S.results)
