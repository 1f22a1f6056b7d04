"""Publishing the command menus Telegram shows (setMyCommands): the members' menu per
language, and each role holder's own menu in the language they chose in the bot."""

from __future__ import annotations

import logging
import weakref
from collections import OrderedDict

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommandScopeChat, BotCommandScopeDefault
from aiogram.utils.i18n import I18n, get_i18n

from bot.domain.people import Person
from bot.locales import LANGUAGES
from bot.roles import Role
from bot.services.container import Services
from bot.ui.commands import bot_commands

log = logging.getLogger(__name__)

# The menu each connection to Telegram last published for a person (their roles and
# language): /start publishes it again only when it changed, or after a restart. A bounded
# memory, per bot session (two bots of one token in one process, as in the tests, do not
# share it).
_MENUS_REMEMBERED = 20_000
_published: weakref.WeakKeyDictionary[BaseSession, OrderedDict[int, tuple[object, ...]]] = (
    weakref.WeakKeyDictionary()
)


def _remembered(bot: Bot) -> OrderedDict[int, tuple[object, ...]]:
    menus = _published.get(bot.session)
    if menus is None:
        menus = _published[bot.session] = OrderedDict()
    return menus


async def publish_default_commands(bot: Bot, i18n: I18n, default_locale: str) -> None:
    """The members' menu in every language, chosen by Telegram from the app's language."""
    await bot.set_my_commands(
        bot_commands(i18n, {Role.MEMBER}, default_locale), scope=BotCommandScopeDefault()
    )
    for locale in LANGUAGES:
        await bot.set_my_commands(
            bot_commands(i18n, {Role.MEMBER}, locale),
            scope=BotCommandScopeDefault(),
            language_code=locale,
        )


async def publish_person_commands(bot: Bot, i18n: I18n, person: Person) -> None:
    """A person's own menu: their roles' commands in the language they chose in the bot,
    which often differs from their Telegram app's language. Not sent again while this
    process knows Telegram shows it already."""
    menus = _remembered(bot)
    menu = (*sorted(person.roles), person.locale)
    if menus.get(person.id) == menu:
        menus.move_to_end(person.id)
        return
    try:
        await bot.set_my_commands(
            bot_commands(i18n, person.roles, person.locale),
            scope=BotCommandScopeChat(chat_id=person.id),
        )
    except TelegramAPIError as error:
        log.warning("could not set the command menu of user %s: %s", person.id, error)
        return
    menus[person.id] = menu
    menus.move_to_end(person.id)
    if len(menus) > _MENUS_REMEMBERED:
        menus.popitem(last=False)


async def refresh_commands(bot: Bot, services: Services, user_id: int) -> None:
    """Publish a person's menu again after their roles changed (within an update)."""
    person = await services.people.find(user_id)
    if person is not None:
        await publish_person_commands(bot, get_i18n(), person)


async def drop_person_commands(bot: Bot, user_id: int) -> None:
    """A forgotten person's own menu goes too (Telegram shows them the members' menu)."""
    _remembered(bot).pop(user_id, None)
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=user_id))
    except TelegramAPIError as error:
        log.warning("could not delete the command menu of user %s: %s", user_id, error)
