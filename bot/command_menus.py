"""Publishing the command menus Telegram shows (setMyCommands): the members' menu per
language, and each role holder's own menu in the language they chose in the bot."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommandScopeChat, BotCommandScopeDefault
from aiogram.utils.i18n import I18n, get_i18n

from bot.domain.people import Person
from bot.locales import LANGUAGES
from bot.roles import Role
from bot.services.container import Services
from bot.ui.commands import bot_commands

log = logging.getLogger(__name__)


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
    which often differs from their Telegram app's language."""
    try:
        await bot.set_my_commands(
            bot_commands(i18n, person.roles, person.locale),
            scope=BotCommandScopeChat(chat_id=person.id),
        )
    except TelegramAPIError as error:
        log.warning("could not set the command menu of user %s: %s", person.id, error)


async def refresh_commands(bot: Bot, services: Services, user_id: int) -> None:
    """Publish a person's menu again after their roles changed (within an update)."""
    person = await services.people.find(user_id)
    if person is not None:
        await publish_person_commands(bot, get_i18n(), person)


async def drop_person_commands(bot: Bot, user_id: int) -> None:
    """A forgotten person's own menu goes too (Telegram shows them the members' menu)."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=user_id))
    except TelegramAPIError as error:
        log.warning("could not delete the command menu of user %s: %s", user_id, error)
