"""The Bot API session: aiogram's aiohttp session, with calls sent as JSON.

aiogram's own session sends every call as an urlencoded form: each nested object (a
keyboard, a message's entities) is dumped to a JSON string, then the whole form is quoted
character by character, and each answer is decoded to Python objects before pydantic
validates them. That is a good part of the CPU each call costs the bot, and a bot makes
two or three calls an update. This session sends a call without files as one JSON body
(which the Bot API accepts for every method) and validates the answer straight from its
JSON text; a call that uploads a file, and any answer that is not a plain success, take
aiogram's own path, so errors are raised exactly as aiogram raises them.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiohttp import ClientError
from pydantic import ValidationError

_JSON = {"Content-Type": "application/json"}


class JsonBodySession(AiohttpSession):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, str], str] = {}

    def _url(self, bot: Bot, api_method: str) -> str:
        key = (bot.token, api_method)
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = self.api.api_url(token=bot.token, method=api_method)
        return url

    def json_body(self, bot: Bot, method: TelegramMethod[Any]) -> str | None:
        """The call as a JSON object, with what aiogram's form would carry (defaults
        resolved, empty values left out); None when it uploads a file."""
        files: dict[str, Any] = {}
        body = {}
        for key, value in method.model_dump(warnings=False, exclude_none=True).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if prepared is None or prepared == "":
                continue
            body[key] = prepared
        if files:
            return None
        return cast(str, self.json_dumps(body))

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,
    ) -> TelegramType:
        body = self.json_body(bot, method)
        if body is None:  # a file goes up as multipart form data
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        try:
            async with session.post(
                self._url(bot, method.__api_method__),
                data=body.encode(),
                headers=_JSON,
                timeout=self.timeout if timeout is None else timeout,
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(
            bot=bot, method=method, status_code=resp.status, content=raw_result
        )
        return cast(TelegramType, response.result)

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        if HTTPStatus.OK <= status_code <= HTTPStatus.IM_USED:
            try:
                response = Response[method.__returning__].model_validate_json(  # type: ignore[name-defined]
                    content, context={"bot": bot}
                )
            except ValidationError:
                pass  # aiogram's path raises its own decoding error
            else:
                if response.ok:
                    return cast(Response[TelegramType], response)
        return super().check_response(bot, method, status_code, content)
