"""A person blocking or unblocking the bot (in their private chat; groups: `groups`)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.services.container import Services


def make_router() -> Router:
    router = Router(name="chat_member")
    router.my_chat_member.filter(F.chat.type == "private")
    router.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    router.my_chat_member.register(unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return router


async def blocked(event: ChatMemberUpdated, services: Services) -> None:
    await services.people.mark_unreachable(event.from_user.id, services.now())


async def unblocked(event: ChatMemberUpdated, services: Services) -> None:
    await services.people.mark_reachable(event.from_user.id, services.now())
