"""Routers an update cannot concern are skipped (bot/lean_routing.py), and nothing else
changes: the same handler takes each update, router filters still stop it, outer and inner
middlewares still run, errors still reach the error handlers. A real Dispatcher is fed real
updates; its handlers only record what reached them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher, F, Router
from aiogram.filters import Command, ExceptionTypeFilter
from aiogram.types import CallbackQuery, Chat, ErrorEvent, Message, TelegramObject, Update, User

from bot.lean_routing import skip_routers_without_handlers

ANN = User(id=5, is_bot=False, first_name="Ann")
CHAT = Chat(id=5, type="private")


def _message(update_id: int, text: str) -> Update:
    message = Message(
        message_id=update_id, date=datetime.now(UTC), chat=CHAT, from_user=ANN, text=text
    )
    return Update(update_id=update_id, message=message)


def _press(update_id: int, data: str) -> Update:
    query = CallbackQuery(id=str(update_id), from_user=ANN, chat_instance="c", data=data)
    return Update(update_id=update_id, callback_query=query)


class _Noting(BaseMiddleware):
    def __init__(self, seen: list[str], name: str) -> None:
        self.seen, self.name = seen, name

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self.seen.append(self.name)
        return await handler(event, data)


def _tree(seen: list[str]) -> Dispatcher:
    """Members only of chats (no message handler anywhere below it); commands nested two
    levels down behind a filter on callbacks; a watcher with an outer middleware and no
    handler; a catch-all last."""

    def filter_noting(name: str, result: bool = True) -> Callable[[Any], bool]:
        def check(_event: Any) -> bool:
            seen.append(name)
            return result

        return check

    dp = Dispatcher()
    dp.message.middleware(_Noting(seen, "inner"))

    members = Router(name="members")
    members.message.filter(filter_noting("members filter"))
    members.my_chat_member.register(lambda _e: seen.append("membership"))

    capabilities = Router(name="capabilities")
    capabilities.callback_query.filter(~F.data.startswith("dialog:"))
    start = Router(name="start")

    async def on_start(_message: Message) -> None:
        seen.append("start")

    async def on_fail(_message: Message) -> None:
        raise LookupError("nothing")

    async def on_press(_query: CallbackQuery) -> None:
        seen.append("press")

    start.message.register(on_start, Command("start"))
    start.message.register(on_fail, Command("fail"))
    start.callback_query.register(on_press)
    capabilities.include_router(start)

    watcher = Router(name="watcher")
    watcher.message.outer_middleware(_Noting(seen, "watcher"))

    async def anything(_message: Message) -> None:
        seen.append("anything")

    async def dialog_press(_query: CallbackQuery) -> None:
        seen.append("dialog press")

    async def failed(event: ErrorEvent) -> None:
        seen.append(f"error {type(event.exception).__name__}")

    rest = Router(name="rest")
    rest.message.register(anything)
    rest.callback_query.register(dialog_press)
    errors = Router(name="errors")
    errors.errors.register(failed, ExceptionTypeFilter(LookupError))
    dp.include_routers(errors, members, capabilities, watcher, rest)
    return dp


async def _outcomes(prune: bool) -> list[list[str]]:
    seen: list[str] = []
    dp = _tree(seen)
    if prune:
        assert skip_routers_without_handlers(dp) > 0
    bot = Bot("42:TEST")
    outcomes = []
    updates = [
        _message(1, "/start"),
        _message(2, "hello"),
        _message(3, "/fail"),
        _press(4, "events"),
        _press(5, "dialog:1"),
    ]
    for update in updates:
        seen.clear()
        await dp.feed_update(bot, update)
        outcomes.append(list(seen))
    await bot.session.close()
    return outcomes


async def test_the_same_handlers_take_the_same_updates_and_only_idle_routers_are_skipped() -> None:
    before, after = await _outcomes(prune=False), await _outcomes(prune=True)
    # the routers with no message handler below them are no longer entered: their own
    # filter is not even evaluated; everything else happens as before, in the same order
    assert before[0] == ["members filter", "inner", "start"]
    assert after[0] == ["inner", "start"]
    assert before[1] == ["members filter", "watcher", "inner", "anything"]
    assert after[1] == ["watcher", "inner", "anything"]
    assert after[2] == ["inner", "error LookupError"] and before[2] == ["members filter", *after[2]]
    assert after[3] == before[3] == ["press"]
    assert after[4] == before[4] == ["dialog press"]  # the router filter still stops it
