"""Rendering one message for many readers, each in their language and time zone, and
handing it to the delivery engine. The text is rendered once per (language, time zone)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from bot.db.repositories.outbox import OutgoingMessage
from bot.services.delivery import DeliveryService

Recipient = tuple[int, str | None, str | None]  # user id, language, time zone (None: default)
Render = Callable[[str, str], tuple[str, InlineKeyboardMarkup | None]]  # (locale, zone)


class Broadcaster:
    def __init__(
        self, delivery: DeliveryService, i18n: I18n, default_locale: str, default_timezone: str
    ) -> None:
        self.delivery = delivery
        self._i18n = i18n
        self._default_locale = default_locale
        self._default_timezone = default_timezone

    def render(
        self, recipients: list[Recipient], render: Render
    ) -> tuple[dict[str, OutgoingMessage], list[tuple[int, str]]]:
        messages: dict[str, OutgoingMessage] = {}
        addressed: list[tuple[int, str]] = []
        for user_id, language, timezone in recipients:
            locale = language or self._default_locale
            zone = timezone or self._default_timezone
            variant = f"{locale} {zone}"
            if variant not in messages:
                # also outside an update (the scheduler's ticks): set the catalogs too
                with self._i18n.context(), self._i18n.use_locale(locale):
                    text, markup = render(locale, zone)
                messages[variant] = OutgoingMessage(
                    text, markup.model_dump_json(exclude_none=True) if markup else None
                )
            addressed.append((user_id, variant))
        return messages, addressed

    async def send(
        self,
        kind: str,
        recipients: list[Recipient],
        render: Render,
        now: datetime,
        *,
        subject_id: int | None = None,
        created_by: int | None = None,
    ) -> tuple[int, int]:
        """Queue the campaign; returns (campaign id, rows queued)."""
        messages, addressed = self.render(recipients, render)
        return await self.delivery.start_campaign(
            kind,
            subject_id=subject_id,
            created_by=created_by,
            messages=messages,
            recipients=addressed,
            now=now,
        )
