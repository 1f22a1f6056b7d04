"""Digests and organizers' weekly summaries: built for many people at once (a few queries
per batch, none per person and kind), queued through the outbox at each person's local
hour. The schedule is in the database: a digest is queued in the transaction that moves
its person's next date forward (compare-and-set), so a restart, a late or doubled tick or
a clock jump neither skips nor repeats one."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.audience import AudienceRepository
from bot.db.repositories.digests import DigestsRepository, EventNews
from bot.db.repositories.notification_settings import Due, NotificationSettingsRepository
from bot.db.repositories.rows import dt
from bot.domain.digests import Digest, KeyDate, RequestChange, Summary
from bot.domain.notifications import (
    CONSULTATIONS,
    DIGEST_KIND,
    EVENTS,
    ORGANIZATIONS,
    PARTNERSHIPS,
    POLLS,
    RECOMMENDATIONS,
    SUMMARY_KIND,
    Frequency,
    Mode,
    Preferences,
    next_digest,
)
from bot.domain.outbox import OutgoingMessage
from bot.services.notices import Notices
from bot.services.outbox import Outbox

log = logging.getLogger(__name__)

AHEAD = timedelta(days=7)  # the key dates a digest looks ahead to
BATCH = 200  # digests queued per transaction
PERIOD = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


def _interested(news: EventNews, prefs: Preferences) -> bool:
    """The event is for everyone or touches the person's themes and countries of interest
    (none chosen: all)."""
    themes = news.audience.get("theme")
    if prefs.themes and themes and not prefs.themes & set(themes):
        return False
    countries = news.audience.get("country")
    return not (prefs.countries and countries and not prefs.countries & set(countries))


class DigestsService:
    def __init__(
        self,
        db: Database,
        repo: DigestsRepository,
        settings: NotificationSettingsRepository,
        audience: AudienceRepository,
        outbox: Outbox,
        notices: Notices,
        *,
        default_locale: str,
        default_timezone: str,
    ) -> None:
        self._db = db
        self._repo = repo
        self._settings = settings
        self._audience = audience
        self._outbox = outbox
        self._notices = notices
        self._default_locale = default_locale
        self._default_timezone = default_timezone

    # ------------------------------------------------------------------ building

    async def build(
        self, people: Sequence[tuple[int, datetime | None]], now: datetime
    ) -> list[Digest]:
        """The digests of `people` (id, last digest or None) at `now`, empty ones too."""
        ids = [uid for uid, _ in people]
        prefs = await self._settings.many(ids)
        # a first digest tells the past week
        since = {uid: last if last is not None else now - AHEAD for uid, last in people}
        earliest = min(since.values(), default=now)
        until = now + AHEAD
        news = await self._repo.event_news(earliest, now, until)
        reach: dict[int, set[int] | None] = {}
        for item in news:
            reach[item.event.id] = (
                await self._audience.people_among(item.audience, ids) if item.audience else None
            )
        announced = await self._repo.announced([n.event.id for n in news], ids)
        answered = await self._repo.answered(ids)
        own_dates = await self._repo.own_dates(ids, now, until)
        polls = await self._repo.waiting_polls(ids, now)
        recs = await self._repo.waiting_recs(ids, now)
        requests, answers = await self._repo.request_changes(ids, earliest)
        requests_of: dict[int, list[RequestChange]] = {}
        for r in requests:
            after = since[r.asker_id]
            change = RequestChange(
                r.id,
                r.theme,
                taken=r.taken_at is not None and after < r.taken_at <= now,
                answers=sum(1 for t in answers.get(r.id, ()) if after < t <= now),
                resolved=r.resolved_at is not None and after < r.resolved_at <= now,
            )
            if change.taken or change.answers or change.resolved:
                requests_of.setdefault(r.asker_id, []).append(change)
        orgs = await self._repo.new_organizations(earliest)
        own_orgs = await self._repo.organizations_of(ids) if orgs else {}
        takeable = await self._repo.takeable(ids)
        proposals = await self._repo.waiting_proposals(ids)

        digests = []
        for uid in ids:
            p = prefs[uid]
            after = since[uid]
            mine = answered.get(uid, set())
            events, key_dates = [], list(own_dates.get(uid, ()))
            if p.mode(EVENTS) is not Mode.OFF:
                for item in news:
                    event_id = item.event.id
                    seen = reach[event_id]
                    if event_id in mine or (seen is not None and uid not in seen):
                        continue
                    if not _interested(item, p):
                        continue
                    new = after < item.created_at <= now
                    if new and (event_id, uid) not in announced:
                        events.append(item.event)
                    if item.apply_by is not None and now < item.apply_by <= until:
                        key_dates.append(
                            KeyDate(event_id, item.event.title, item.apply_by, "apply_by")
                        )
            else:
                key_dates = []
            key_dates.sort(key=lambda k: (k.at, k.event_id))
            new_orgs = []
            if p.mode(ORGANIZATIONS) is not Mode.OFF:
                own = own_orgs.get(uid, set())
                for o in orgs:
                    if not after < o.decided_at <= now or o.organization.id in own:
                        continue
                    if p.themes and not p.themes & o.themes:
                        continue
                    if p.countries and o.organization.country not in p.countries:
                        continue
                    new_orgs.append(o.organization)
            digests.append(
                Digest(
                    uid,
                    after,
                    events=events,
                    key_dates=key_dates,
                    polls=polls.get(uid, []) if p.mode(POLLS) is not Mode.OFF else [],
                    recs=recs.get(uid, []) if p.mode(RECOMMENDATIONS) is not Mode.OFF else [],
                    requests=requests_of.get(uid, [])
                    if p.mode(CONSULTATIONS) is not Mode.OFF
                    else [],
                    organizations=new_orgs,
                    proposals=proposals.get(uid, [])
                    if p.mode(PARTNERSHIPS) is not Mode.OFF
                    else [],
                    # what the offers kept for the digest would have said
                    open_requests=takeable.get(uid, 0)
                    if p.mode(CONSULTATIONS) is Mode.DIGEST
                    else 0,
                )
            )
        return digests

    async def build_summary(
        self, user_id: int, since: datetime, now: datetime, themes: frozenset[str] = frozenset()
    ) -> Summary:
        """An organizer's week; the requests waiting for an expert in their themes of
        interest (none chosen: all)."""
        waiting = await self._repo.open_requests()
        return Summary(
            user_id,
            since,
            events=await self._repo.organizer_events(user_id, since),
            polls=await self._repo.organizer_polls(user_id, since),
            recs=await self._repo.organizer_recs(user_id, now.date().isoformat()),
            open_requests={t: n for t, n in waiting.items() if not themes or t in themes},
        )

    def render(self, digest: Digest, due: Due, now: datetime) -> list[OutgoingMessage]:
        """The digest's pages as its reader reads them."""
        return self._notices.digest(digest, now)(*self._variant(due))

    def _variant(self, due: Due) -> tuple[str, str]:
        return (due.language or self._default_locale, due.timezone or self._default_timezone)

    # ------------------------------------------------------------------ sending

    async def due(self, now: datetime, limit: int) -> list[Due]:
        """The digests whose hour has come, the longest waiting first."""
        return await self._settings.due("digest", now, limit)

    async def send_due(self, now: datetime) -> int:
        """Queue the digests whose hour has come; how many went out (empty ones are not
        sent, but their date moves on)."""
        sent = 0
        while True:
            due = await self.due(now, BATCH)
            if not due:
                return sent
            digests = await self.build(
                [(d.user_id, dt(d.last_at) if d.last_at else None) for d in due], now
            )
            prefs = await self._settings.many([d.user_id for d in due])
            moved = 0
            async with self._db.transaction():
                for d, digest in zip(due, digests, strict=True):
                    p = prefs[d.user_id]
                    zone = d.timezone or self._default_timezone
                    # the period served is the one it was due in (a late tick's too)
                    next_at = next_digest(
                        p.digest, p.digest_day, p.digest_hour, zone, now, dt(d.due_at)
                    )
                    if not await self._settings.move("digest", d.user_id, d.due_at, now, next_at):
                        continue  # another tick sent it
                    moved += 1
                    if digest.empty:
                        continue
                    await self._queue_pages(
                        DIGEST_KIND, d.user_id, self.render(digest, d, now), now
                    )
                    sent += 1
            if not moved:
                return sent  # what is left is another tick's

    async def _queue_pages(
        self, kind: str, user_id: int, pages: list[OutgoingMessage], now: datetime
    ) -> None:
        for page in pages:
            await self._outbox.queue(
                kind,
                [user_id],
                lambda _locale, _zone, page=page: page,  # type: ignore[misc]
                now,
                subject_id=user_id,
                about_user_id=user_id,
            )

    async def send_summaries(self, now: datetime) -> int:
        """Schedule the weekly summaries of new organizers, and queue those due."""
        for user_id, zone, day, hour in await self._settings.organizers_unscheduled():
            moment = next_digest(
                Frequency.WEEKLY, day, hour, zone or self._default_timezone, now, None
            )
            assert moment is not None
            async with self._db.transaction():
                await self._settings.schedule_summary(user_id, moment, now)
        sent = 0
        for d in await self._settings.due("summary", now, 1000):
            prefs = await self._settings.get(d.user_id)
            zone = d.timezone or self._default_timezone
            organizer = await self._settings.is_organizer(d.user_id)
            since = dt(d.last_at) if d.last_at else now - PERIOD[Frequency.WEEKLY]
            summary = (
                await self.build_summary(d.user_id, since, now, prefs.themes) if organizer else None
            )
            async with self._db.transaction():
                next_at = (
                    next_digest(
                        Frequency.WEEKLY,
                        prefs.digest_day,
                        prefs.digest_hour,
                        zone,
                        now,
                        dt(d.due_at),
                    )
                    if organizer and prefs.summary
                    else None
                )
                if not await self._settings.move("summary", d.user_id, d.due_at, now, next_at):
                    continue
                if summary is None or summary.empty:
                    continue
                pages = self._notices.summary(summary, now)(*self._variant(d))
                await self._queue_pages(SUMMARY_KIND, d.user_id, pages, now)
                sent += 1
        return sent
