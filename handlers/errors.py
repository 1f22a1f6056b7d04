"""What a person sees when handling their update failed, and what the log keeps of it."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Update
from aiogram.utils.i18n import I18n
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState
from aiogram_dialog.utils import CB_SEP

from bot.domain.errors import InvalidChoice, NotAllowed
from bot.domain.limits import LimitReached
from bot.i18n import N_
from bot.services.alerts import ErrorAlerts, error_kind
from bot.services.container import Services
from bot.ui.limits import limit_text
from dialogs.main_menu.states import MainMenu

log = logging.getLogger(__name__)

STALE = N_("This button is out of date. Here is the main menu.")
INVALID = N_("This button is no longer valid. Please open the screen again.")


def make_router() -> Router:
    router = Router(name="errors")
    router.errors.register(
        stale_button, ExceptionTypeFilter(UnknownIntent, UnknownState, OutdatedIntent)
    )
    router.errors.register(limit_reached, ExceptionTypeFilter(LimitReached))
    router.errors.register(not_allowed, ExceptionTypeFilter(NotAllowed))
    router.errors.register(invalid_choice, ExceptionTypeFilter(InvalidChoice))
    router.errors.register(blocked_by_user, ExceptionTypeFilter(TelegramForbiddenError))
    router.errors.register(unexpected)
    return router


def unknown_button_router() -> Router:
    """After the handlers' routers, before the dialogs': callback data that is neither a
    button of a handler nor of a dialog (forged, or a kind of button the bot no longer has)
    is answered and logged, not left spinning or swallowed by the open dialog."""
    router = Router(name="unknown_buttons")
    router.callback_query.register(unknown_button, ~F.data.contains(CB_SEP))
    return router


async def unknown_button(query: CallbackQuery, i18n: I18n, services: Services) -> None:
    log.warning("unhandled callback data from user %s: %.64r", query.from_user.id, query.data)
    locale = await _locale({}, services, i18n, query.from_user.id)
    with contextlib.suppress(TelegramBadRequest):
        await query.answer(i18n.gettext(INVALID, locale=locale), show_alert=True)


def _chat_and_query(update: Update) -> tuple[int | None, str | None]:
    if update.callback_query is not None:
        return update.callback_query.from_user.id, update.callback_query.id
    if update.message is not None:
        return update.message.chat.id, None
    return None, None


async def _locale(data: dict[str, Any], services: Services, i18n: I18n, user_id: int) -> str:
    person = data.get("person")
    if person is None:
        found = await services.people.find(user_id)
        return found.locale if found else i18n.default_locale
    return str(person.locale)


async def stale_button(
    event: ErrorEvent,
    dialog_manager: DialogManager,
    bot: Bot,
    i18n: I18n,
    services: Services,
    **data: Any,
) -> None:
    """A button from a flow that is over (or from before a restart that lost it)."""
    chat_id, query_id = _chat_and_query(event.update)
    if chat_id is None:
        return
    query = event.update.callback_query
    person = data.get("person")
    blocked = person is not None and person.blocked  # ignored (bot/middlewares/blocked.py)
    if query is not None and (
        blocked
        or (query.message is not None and _is_on_screen(dialog_manager, query.message.message_id))
    ):
        # A second tap on a message that already shows what the first tap did.
        with contextlib.suppress(TelegramBadRequest):
            await bot.answer_callback_query(query.id)
        return
    if blocked:
        return
    locale = await _locale(data, services, i18n, chat_id)
    with i18n.context(), i18n.use_locale(locale):
        text = i18n.gettext(STALE)
        if query_id is not None:
            with contextlib.suppress(TelegramBadRequest):
                await bot.answer_callback_query(query_id, text=text)
        await dialog_manager.start(
            MainMenu.main, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
        )


def _is_on_screen(dialog_manager: DialogManager, message_id: int) -> bool:
    try:
        return dialog_manager.current_stack().last_message_id == message_id
    except Exception:
        return False


async def _tell(bot: Bot, chat_id: int, query_id: str | None, text: str) -> None:
    with contextlib.suppress(TelegramAPIError):
        if query_id is not None:
            await bot.answer_callback_query(query_id, text=text, show_alert=True)
        else:
            await bot.send_message(chat_id, text)


async def not_allowed(
    event: ErrorEvent, bot: Bot, i18n: I18n, services: Services, **data: Any
) -> None:
    """A privileged action by someone without the role (a forged or stale button, a command
    typed by hand). The refusal itself was logged where it was decided."""
    chat_id, query_id = _chat_and_query(event.update)
    if chat_id is None:
        return
    locale = await _locale(data, services, i18n, chat_id)
    await _tell(
        bot, chat_id, query_id, i18n.gettext("This action is not available to you.", locale=locale)
    )


async def limit_reached(
    event: ErrorEvent, bot: Bot, i18n: I18n, services: Services, **data: Any
) -> None:
    """A person has done an action as often as its limit allows today: nothing was done."""
    error = event.exception
    assert isinstance(error, LimitReached)
    chat_id, query_id = _chat_and_query(event.update)
    log.warning("update %s: user %s: %s", event.update.update_id, chat_id, error)
    if chat_id is None:
        return
    locale = await _locale(data, services, i18n, chat_id)
    await _tell(bot, chat_id, query_id, limit_text(error, i18n, locale))


async def invalid_choice(
    event: ErrorEvent, bot: Bot, i18n: I18n, services: Services, **data: Any
) -> None:
    """A value none of our buttons offers: forged, or from a screen that changed since."""
    chat_id, query_id = _chat_and_query(event.update)
    log.warning(
        "update %s: invalid choice from user %s: %s",
        event.update.update_id,
        chat_id,
        event.exception,
    )
    if chat_id is None:
        return
    locale = await _locale(data, services, i18n, chat_id)
    await _tell(bot, chat_id, query_id, i18n.gettext(INVALID, locale=locale))


async def blocked_by_user(event: ErrorEvent, services: Services, **data: Any) -> None:
    chat_id, _ = _chat_and_query(event.update)
    log.info("update %s: user %s blocked the bot", event.update.update_id, chat_id)
    if chat_id is not None:
        await services.people.mark_unreachable(chat_id, services.now())


async def unexpected(
    event: ErrorEvent,
    bot: Bot,
    i18n: I18n,
    services: Services,
    alerts: ErrorAlerts,
    **data: Any,
) -> None:
    error = event.exception
    if isinstance(error, TelegramBadRequest) and "message is not modified" in error.message:
        return  # a double tap that asked to show what is already shown
    log.error("update %s failed: %s", event.update.update_id, error_kind(error), exc_info=error)
    try:
        await alerts.record(error, services.now())
    except Exception:  # telling the admins must not hide the error itself
        log.exception("could not tell the admins of the error in update %s", event.update.update_id)
    chat_id, query_id = _chat_and_query(event.update)
    if chat_id is None:
        return
    locale = await _locale(data, services, i18n, chat_id)
    text = i18n.gettext(
        "Sorry, something went wrong on our side. It has been recorded; "
        "please try again in a minute.",
        locale=locale,
    )
    try:
        if query_id is not None:
            with contextlib.suppress(TelegramBadRequest):
                await bot.answer_callback_query(query_id)
        await bot.send_message(chat_id, text)
    except TelegramAPIError as second:
        log.warning(
            "update %s: could not tell user %s: %s", event.update.update_id, chat_id, second
        )
