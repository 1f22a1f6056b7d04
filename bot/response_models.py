"""Keeping aiogram's models of Bot API answers alive for the life of the process.

aiogram reads every answer of the Bot API with `Response[<the method's result type>]`, a
pydantic generic model made on first use. Pydantic keeps such models only in a weak cache,
so the garbage collector drops them between calls and a later call builds the model again:
several milliseconds of CPU at random calls (a sixth of the calls in `bench/updates.py`
before this, the largest single cost of an update). This session middleware holds each
method's model once, so every later call finds it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType


class KeepResponseModels(BaseRequestMiddleware):
    # at most one per Bot API method (about 160), shared by every bot of the process
    _kept: ClassVar[dict[type[Any], type[Any]]] = {}

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        kind = type(method)
        if kind not in self._kept:
            self._kept[kind] = Response[method.__returning__]  # type: ignore[name-defined]
        return await make_request(bot, method)
