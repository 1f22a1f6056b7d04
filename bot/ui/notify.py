"""Sending one message to another person, rendered in *their* language.

For the few messages one action causes (an admin's card, an applicant's answer). Messages to
many people go through the delivery outbox instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n

from bot.services.people import PeopleService
from bot.timekeeping import Clock

log = logging.getLogger(__name__)

Render = Callable[[], tuple[str, InlineKeyboardMarkup | None]]


class Notifier:
    def __init__(self, bot: Bot, people: PeopleService, i18n: I18n, clock: Clock) -> None:
        self._bot = bot
        self._clock = clock
        self._people = people
        self._i18n = i18n

    async def send(self, user_id: int, render: Render) -> Message | None:
        """Render under the recipient's locale and send; None when they cannot be reached
        (blocked the bot: marked unreachable; other Telegram errors: logged)."""
        person = await self._people.find(user_id)
        locale = person.locale if person is not None else self._i18n.default_locale
        with self._i18n.use_locale(locale):
            text, markup = render()
        try:
            return await self._bot.send_message(user_id, text, reply_markup=markup)
        except TelegramForbiddenError:
            await self._people.set_reachable(user_id, False, self._clock())
        except TelegramAPIError as error:
            log.warning("could not notify user %s: %s", user_id, error)
        return None
