"""Pieces shared by the form dialogs: validated text steps, the error line, navigation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, cast

from aiogram import Bot
from aiogram.fsm.state import State
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, ShowMode, StartMode, Window
from aiogram_dialog.widgets.input import MessageInput, TextInput
from aiogram_dialog.widgets.text import Text

from bot.domain.people import Person
from bot.formatting import format_number
from bot.services.container import Services
from bot.services.text_input import InvalidText, TextProblem, TextRule, clean_text, one_line
from bot.ui.html import Markup, escape
from dialogs.main_menu.states import MainMenu

ERROR_KEY = "error"
EDITING_KEY = "editing"


def services_of(manager: DialogManager) -> Services:
    """The services, as the dispatcher hands them to every update."""
    return cast(Services, manager.middleware_data["services"])


def person_of(manager: DialogManager) -> Person:
    """Who this update is from (set by the person middleware, refreshed after a change)."""
    return cast(Person, manager.middleware_data["person"])


def now_of(manager: DialogManager) -> datetime:
    return services_of(manager).now()


def bot_of(manager: DialogManager) -> Bot:
    return cast(Bot, manager.middleware_data["bot"])


def i18n_of(manager: DialogManager) -> I18n:
    return cast(I18n, manager.middleware_data["i18n"])


def set_person(manager: DialogManager, person: Person) -> None:
    """The rest of this update sees the person as they are now (after a change)."""
    manager.middleware_data["person"] = person


def after_update(manager: DialogManager, job: Callable[[], Awaitable[None]]) -> None:
    """Run `job` once the update is done, conversation state saved included."""
    manager.middleware_data["after_update"].append(job)


def problem_message(error: InvalidText, locale: str) -> str:
    rule = error.rule
    if error.problem is TextProblem.NO_LETTERS:
        return _("Please write it in words: emoji and symbols alone are not enough.")
    if error.problem is TextProblem.TOO_SHORT:
        return _("That is too short: at least {count} characters, please.").format(
            count=format_number(rule.min_length, locale)
        )
    if error.problem is TextProblem.TOO_LONG:
        return _("That is too long: at most {count} characters, please shorten it.").format(
            count=format_number(rule.max_length, locale)
        )
    return _("Please write some text.")


class ErrorLine(Text):
    """The last input problem of this step, above the question; cleared by `advance`."""

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        error = manager.dialog_data.get(ERROR_KEY)
        return Markup("⚠️ {}\n").format(Markup(error)) if error else ""


def set_error(manager: DialogManager, text: str | Markup) -> None:
    """Show `text` above the step: a plain string is escaped, a `Markup` kept."""
    manager.dialog_data[ERROR_KEY] = str(escape(text))


async def advance(manager: DialogManager, next_state: State, summary: State) -> None:
    """Go on to the next step, or back to the summary when the person is editing one field."""
    manager.dialog_data.pop(ERROR_KEY, None)
    if manager.dialog_data.get(EDITING_KEY):
        await manager.switch_to(summary)
    else:
        await manager.switch_to(next_state)


async def to_first_unanswered(
    manager: DialogManager,
    order: Sequence[tuple[str, State]],
    preview: State,
    skip: Callable[[str], bool] = lambda _key: False,
) -> None:
    """A form goes on to the first step (of `order`: the key its answer is kept under, and
    its state) still unanswered, steps `skip` says do not apply left out; or to `preview`."""
    data = manager.dialog_data
    data.pop(ERROR_KEY, None)
    for key, state in order:
        if key not in data and not skip(key):
            await manager.switch_to(state)
            return
    await manager.switch_to(preview)


async def back_to_step(manager: DialogManager, key: str, state: State, problem: str) -> None:
    """A form refused at sending: its answer under `key` is asked again at `state`, the
    problem shown above it."""
    manager.dialog_data.pop(key, None)
    set_error(manager, problem)
    await manager.switch_to(state)


def edit_from(state: State, *keys: str) -> Callable[[Any, Any, DialogManager], Awaitable[None]]:
    """A preview's «✏️» button: answer again from `state`; the answers under `keys` are
    dropped, so the form asks them again on its way back to the preview."""

    async def on_edit(_callback: Any, _button: Any, manager: DialogManager) -> None:
        for key in keys:
            manager.dialog_data.pop(key, None)
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(state)

    return on_edit


def text_step(
    widget_id: str,
    rule: TextRule,
    on_value: Callable[[Message, DialogManager, str], Awaitable[None]],
    *,
    single_line: bool = True,
) -> tuple[TextInput[str], MessageInput]:
    """A text input checked against `rule`; anything but text gets a clear answer."""

    def parse(raw: str) -> str:
        text = clean_text(raw, rule)
        return one_line(text) if single_line else text

    async def on_success(message: Message, _w: Any, manager: DialogManager, value: str) -> None:
        await on_value(message, manager, value)

    async def on_error(message: Message, _w: Any, manager: DialogManager, error: Any) -> None:
        assert isinstance(error, InvalidText)
        set_error(manager, problem_message(error, person_of(manager).locale))

    async def not_text(message: Message, _w: Any, manager: DialogManager) -> None:
        set_error(manager, _("Please answer with a text message."))

    return (
        TextInput(id=widget_id, type_factory=parse, on_success=on_success, on_error=on_error),
        MessageInput(not_text),
    )


def choice_hint() -> MessageInput:
    """On a step answered with buttons, a typed message gets a hint above the question, as a
    choice question of an event's application form does."""

    async def typed(message: Message, _w: Any, manager: DialogManager) -> None:
        set_error(manager, _("Please choose one of the options below."))

    return MessageInput(typed)


def text_window(
    state: State,
    prompt: Text | tuple[Text, ...],
    widget_id: str,
    rule: TextRule,
    on_value: Callable[[Message, DialogManager, str], Awaitable[None]],
    *buttons: Any,
    multiline: bool = False,
) -> Window:
    """A step answered with text: the error line, the prompt(s), the checked input, then
    `buttons`."""
    prompts = prompt if isinstance(prompt, tuple) else (prompt,)
    return Window(
        ErrorLine(),
        *prompts,
        *text_step(widget_id, rule, on_value, single_line=not multiline),
        *buttons,
        state=state,
    )


async def open_over_menu(
    manager: DialogManager, state: State, data: dict[str, Any] | None = None
) -> None:
    """Open a flow whose Back/Cancel leads to the main menu (shown once, not twice)."""
    await manager.start(MainMenu.main, mode=StartMode.RESET_STACK, show_mode=ShowMode.NO_UPDATE)
    await manager.start(state, data=data or {}, show_mode=ShowMode.SEND)


async def back_to_menu(manager: DialogManager, notice: str | None = None) -> None:
    await manager.start(
        MainMenu.main, mode=StartMode.RESET_STACK, data={"notice": notice} if notice else {}
    )
