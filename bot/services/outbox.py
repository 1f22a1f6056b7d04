"""The writing side of the outbox: every notification an action causes is queued here, in
the transaction of that action, so that the action and its notifications are stored
together or not at all. The sender (`bot.services.delivery`) is woken once it commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.outbox import OutboxRepository
from bot.domain.notifications import KindClass, classify, delivery
from bot.domain.outbox import (
    Delivered,
    OutgoingMessage,
    Progress,
    Queued,
    Recipient,
    Render,
    RenderFor,
)


class Outbox:
    def __init__(
        self,
        db: Database,
        repo: OutboxRepository,
        *,
        default_locale: str,
        default_timezone: str,
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self._db = db
        self._repo = repo
        self._default_locale = default_locale
        self._default_timezone = default_timezone
        self.wake = wake

    async def queue(
        self,
        kind: str,
        user_ids: Sequence[int],
        render: Render,
        now: datetime,
        *,
        subject_id: int | None = None,
        created_by: int | None = None,
        about_user_id: int | None = None,
        treat: KindClass | None = None,
    ) -> Queued:
        """A campaign to `user_ids` (those who blocked the bot are left out): its message
        rendered once per language and time zone of its readers, a row per reader.
        `about_user_id` names the person the message is about, whose erasure takes it."""
        return await self.queue_to(
            kind,
            [Recipient(uid) for uid in user_ids],
            lambda _segment: render,
            now,
            subject_id=subject_id,
            created_by=created_by,
            about_user_id=about_user_id,
            treat=treat,
        )

    async def queue_to(
        self,
        kind: str,
        recipients: Sequence[Recipient],
        render_for: RenderFor,
        now: datetime,
        *,
        subject_id: int | None = None,
        created_by: int | None = None,
        about_user_id: int | None = None,
        treat: KindClass | None = None,
    ) -> Queued:
        """A campaign whose readers differ by segment (their message rendered once per
        segment, language and time zone), some of it edits of messages they already have.
        Each reader's settings decide: a kind they turned off (or get in their digest
        only) is not queued for them; one arriving in their quiet hours waits for the
        morning. `treat` overrides how the kind is treated (`REQUESTED`: what the reader
        asked for a moment ago; `PERSONAL`: chosen for them by a person)."""
        self._db.require_transaction()
        messages: dict[str, OutgoingMessage] = {}
        rows: list[tuple[int, str, int | None, datetime | None]] = []
        wanted = {r.user_id: r for r in recipients}
        renders: dict[str, Render] = {}
        treated = treat or classify(kind)
        for reader in await self._repo.reachable(list(wanted), treated.category):
            recipient = wanted[reader.user_id]
            locale = reader.language or self._default_locale
            zone = reader.timezone or self._default_timezone
            not_before = None
            # an edit of a message the reader has rings no bell: it always goes, at once
            if recipient.edit_message_id is None:
                decided = delivery(treated, reader.mode, reader.quiet, zone, now)
                if not decided.send:
                    continue
                not_before = decided.not_before
            variant = f"{locale} {zone}"
            if recipient.segment:
                variant += f" {recipient.segment}"
            if variant not in messages:
                if recipient.segment not in renders:
                    renders[recipient.segment] = render_for(recipient.segment)
                messages[variant] = renders[recipient.segment](locale, zone)
            rows.append((reader.user_id, variant, recipient.edit_message_id, not_before))
        campaign_id = await self._repo.create_campaign(
            kind,
            subject_id=subject_id,
            created_by=created_by,
            about_user_id=about_user_id,
            messages=messages,
            rows=rows,
            now=now,
        )
        if rows:
            self._db.after_commit(self.wake)
        return Queued(campaign_id, len(rows))

    async def cancel(self, campaign_id: int, now: datetime) -> int:
        """Stop one campaign; returns how many messages that stopped."""
        return await self._repo.cancel(campaign_id, now)

    async def cancel_about(self, kinds: str, subject_id: int, now: datetime) -> int:
        """Stop every campaign of `kinds` (a kind, or a LIKE pattern such as "event.%") about
        `subject_id`: what is not sent yet is not sent. Returns how many messages stopped."""
        self._db.require_transaction()
        stopped = 0
        for campaign_id in await self._repo.campaigns_like(kinds, subject_id):
            stopped += await self._repo.cancel(campaign_id, now)
        return stopped

    async def cancel_for(self, kind: str, subject_id: int, user_id: int, now: datetime) -> int:
        """Stop what campaigns of `kind` about `subject_id` have queued for one person."""
        self._db.require_transaction()
        return await self._repo.cancel_for(kind, subject_id, user_id, now)

    async def was_sent(self, kind: str, subject_id: int, user_id: int) -> bool:
        """Whether a campaign of `kind` about `subject_id` went (or is going) to the person."""
        return await self._repo.was_sent(kind, subject_id, user_id)

    async def subject_of(self, kinds: tuple[str, ...], user_id: int, message_id: int) -> int | None:
        """What a message the outbox delivered to `user_id` is about, when it was of one of
        `kinds` (a reply to it belongs there)."""
        return await self._repo.subject_of(kinds, user_id, message_id)

    async def rerender(self, kind: str, subject_id: int, render: Render) -> None:
        """Render again the messages of campaigns of `kind` about `subject_id` that still
        have readers waiting: what is not sent yet goes out as `render` writes it now."""
        self._db.require_transaction()
        for campaign_id in await self._repo.campaigns_of(kind, subject_id):
            for variant in await self._repo.waiting_variants(campaign_id):
                locale, _, zone = variant.partition(" ")
                await self._repo.replace_message(campaign_id, variant, render(locale, zone))

    async def delivered(
        self, kind: str, subject_id: int, *, every: bool = False
    ) -> list[Delivered]:
        """The messages of campaigns of `kind` about `subject_id` that reached their
        readers: the newest per reader, or `every` one of them."""
        return await self._repo.delivered(kind, subject_id, every=every)

    async def latest_progress(self, kind: str, subject_id: int) -> Progress | None:
        campaigns = await self._repo.campaigns_of(kind, subject_id)
        return await self._repo.progress(campaigns[-1]) if campaigns else None

    async def progress(self, campaign_id: int) -> Progress:
        return await self._repo.progress(campaign_id)
