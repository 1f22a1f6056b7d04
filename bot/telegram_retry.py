"""Retries of Bot API calls that Telegram asked to repeat (429) or that failed in transit.

Interactive replies go through this; without it a 429 or a dropped connection would lose the
reply. A call retried after a network error may reach Telegram twice (the first attempt may
have landed before the connection broke); for a reply that is the lesser harm than losing it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)


class RetryMiddleware(BaseRequestMiddleware):
    def __init__(self, attempts: int = 4, max_wait_s: float = 30.0, backoff_s: float = 0.5):
        self.attempts = attempts
        self.max_wait_s = max_wait_s
        self.backoff_s = backoff_s

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        if isinstance(method, GetUpdates):  # the polling loop has its own backoff
            return await make_request(bot, method)
        for attempt in range(1, self.attempts + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if attempt == self.attempts or error.retry_after > self.max_wait_s:
                    raise
                log.warning("%s: 429, retrying in %ss", method.__api_method__, error.retry_after)
                await asyncio.sleep(error.retry_after)
            except (TelegramServerError, TelegramNetworkError) as error:
                if attempt == self.attempts:
                    raise
                delay = self.backoff_s * 2 ** (attempt - 1)
                log.warning("%s failed (%s), retrying in %ss", method.__api_method__, error, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")
