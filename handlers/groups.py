"""Groups, supergroups and channels, handled deliberately: the bot works in private chats
only. Added to a group or a channel, it says so once (in the language of the Telegram app
of whoever added it) and leaves; anything written in a group, or pressed
under a message there, it ignores, and it records nobody it meets there."""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import JOIN_TRANSITION, ChatMemberUpdatedFilter
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message
from aiogram.utils.i18n import gettext as _

log = logging.getLogger(__name__)

NOT_PRIVATE = F.chat.type != "private"


def make_router() -> Router:
    router = Router(name="groups")
    router.my_chat_member.register(
        added, NOT_PRIVATE, ChatMemberUpdatedFilter(member_status_changed=JOIN_TRANSITION)
    )
    router.my_chat_member.register(ignore_member_change, NOT_PRIVATE)
    router.message.register(ignore, NOT_PRIVATE)
    router.edited_message.register(ignore, NOT_PRIVATE)
    router.channel_post.register(ignore)
    router.edited_channel_post.register(ignore)
    router.callback_query.register(ignore_press, F.message.chat.type != "private")
    return router


async def added(event: ChatMemberUpdated, bot: Bot) -> None:
    me = await bot.me()
    if event.chat.type != "channel":  # a channel's posts are its admins' own
        with contextlib.suppress(TelegramAPIError):
            await bot.send_message(
                event.chat.id,
                _(
                    "I work in private chats only, so that what each person tells me stays "
                    "between us. Write to me at https://t.me/{username}. I am leaving this "
                    "group."
                ).format(username=me.username),
                disable_web_page_preview=True,
            )
    try:
        await bot.leave_chat(event.chat.id)
    except TelegramAPIError as error:
        log.info("could not leave chat %s: %s", event.chat.id, error)


async def ignore_member_change(event: ChatMemberUpdated) -> None:
    """Removed from a group, or its rights changed: nothing to do."""


async def ignore(message: Message) -> None:
    """A message in a group or a channel: not for the bot."""


async def ignore_press(query: CallbackQuery) -> None:
    with contextlib.suppress(TelegramAPIError):
        await query.answer()
