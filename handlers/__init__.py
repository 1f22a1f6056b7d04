"""One Router per capability: parse the update, check the role, call a service, render."""

from __future__ import annotations

from aiogram import Router

from handlers import chat_member, errors, settings, start


def handlers_router() -> Router:
    router = Router(name="handlers")
    router.include_routers(
        errors.make_router(),
        chat_member.make_router(),
        start.make_router(),
        settings.make_router(),
    )
    return router
