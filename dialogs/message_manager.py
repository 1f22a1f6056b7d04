"""How the dialogs' messages reach Telegram: aiogram-dialog's own message manager, with the
old menu's buttons taken away while the new menu is sent, not before it.

When a dialog shows a new message below an old one (the person wrote to the bot, so the
menu comes again under their message), aiogram-dialog first takes the inline keyboard off
the old message and only then sends the new one: two round trips to Telegram, one after
the other, before the person sees anything. Here both calls go at once, and the new menu
comes one round trip sooner (on a weak connection, the larger part of the wait). Which one
Telegram finishes first changes nothing the person can act on: a button of the old
message pressed meanwhile is answered as out of date, as it is afterwards.

A reply keyboard is taken away by a message of its own, whose order matters: that case,
and every other, is aiogram-dialog's own.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram_dialog import ShowMode
from aiogram_dialog.api.entities import NewMessage, OldMessage
from aiogram_dialog.manager.message_manager import MessageManager

log = logging.getLogger(__name__)


class MenuMessageManager(MessageManager):
    async def show_message(
        self, bot: Bot, new_message: NewMessage, old_message: OldMessage | None
    ) -> OldMessage:
        if (
            old_message is None
            or new_message.show_mode is not ShowMode.SEND
            or self.had_reply_keyboard(old_message)
        ):
            return await super().show_message(bot, new_message, old_message)
        removal = asyncio.ensure_future(self.remove_inline_kbd(bot, old_message))
        try:
            # as aiogram-dialog sends a first message: nothing of an old one to take away
            return await super().show_message(bot, new_message, None)
        finally:
            try:
                await removal
            except TelegramAPIError as error:
                # the old buttons stay; pressed, they are answered as out of date
                log.warning("could not take the old menu's buttons away: %s", error)
