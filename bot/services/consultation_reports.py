"""The consultation desk's lists: an asker's requests and their threads, an expert's
queue, and the organizers' figures and export. Every call checks the person's role and
their relation to the request (the buttons that lead here can be forged). Figures and
exports carry no question and no message, and no name of an anonymous asker."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta

from bot.db.repositories.consultation_reports import ConsultationReportsRepository
from bot.db.repositories.consultations import ConsultationsRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.domain.consultation_reports import (
    Figures,
    ListView,
    Page,
    Queue,
    Report,
    RequestLine,
    Thread,
    ThreadEntry,
)
from bot.domain.consultations import Consultation, Refused, Side
from bot.domain.errors import InvalidChoice
from bot.domain.people import Person
from bot.roles import Role
from bot.services.access import refuse, require
from bot.services.consultations import ConsultationsService

PAGE = 8

log = logging.getLogger(__name__)


def median(values: Sequence[timedelta]) -> timedelta | None:
    """The exact median: the middle value, or the mean of the two middle ones."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def figures(lines: Iterable[RequestLine]) -> Figures:
    lines = list(lines)
    answered = [
        line.first_answer_at - line.created_at for line in lines if line.first_answer_at is not None
    ]
    resolved = [
        line.resolved_at - line.created_at
        for line in lines
        if line.status == "resolved" and line.resolved_at is not None
    ]
    ratings = [line.rating for line in lines if line.rating is not None]
    return Figures(
        requests=len(lines),
        open=sum(line.status != "resolved" for line in lines),
        waiting=sum(line.status == "open" for line in lines),
        resolved=sum(line.status == "resolved" for line in lines),
        answered=len(answered),
        median_first_answer=median(answered),
        median_resolution=median(resolved),
        average_rating=sum(ratings) / len(ratings) if ratings else None,
        ratings=len(ratings),
    )


def _grouped(
    lines: list[RequestLine], key: Callable[[RequestLine], str]
) -> tuple[tuple[str, Figures], ...]:
    groups: dict[str, list[RequestLine]] = {}
    for line in lines:
        groups.setdefault(key(line), []).append(line)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple((name, figures(members)) for name, members in ordered)


def _page(total: int, page: int) -> tuple[int, int]:
    """The page within range, and the number of pages."""
    pages = max(1, (total + PAGE - 1) // PAGE)
    return min(max(page, 0), pages - 1), pages


class ConsultationReportsService:
    def __init__(
        self,
        reports: ConsultationReportsRepository,
        consultations: ConsultationsRepository,
        experts: ExpertsRepository,
        desk: ConsultationsService,
    ) -> None:
        self._reports = reports
        self._consultations = consultations
        self._experts = experts
        self._desk = desk

    async def asked(self, person: Person, page: int) -> Page[RequestLine]:
        """The person's own requests, the newest first."""
        total = await self._reports.asked_count(person.id)
        page, pages = _page(total, page)
        items = await self._reports.asked_by(person.id, PAGE, page * PAGE)
        return Page(tuple(items), page, pages, total)

    async def queue(self, person: Person, view: ListView, page: int) -> Queue:
        """Open requests the expert may take (none while they pause), or those they took."""
        require(person, Role.EXPERT, "consultation queue")
        profile = await self._experts.get(person.id)
        paused = profile is None or not profile.available
        to_take = 0 if paused else await self._reports.takeable_count(person.id)
        mine = await self._reports.handled_count(person.id)
        if view == ListView.TAKE:
            page, pages = _page(to_take, page)
            items = [] if paused else await self._reports.takeable(person.id, PAGE, page * PAGE)
            listing = Page(tuple(items), page, pages, to_take)
        elif view == ListView.MINE:
            page, pages = _page(mine, page)
            items = await self._reports.handled_by(person.id, PAGE, page * PAGE)
            listing = Page(tuple(items), page, pages, mine)
        else:
            raise InvalidChoice(f"queue view {view}")
        return Queue(view, listing, to_take, mine, paused)

    async def offer(self, person: Person, consultation_id: int) -> Consultation | Refused:
        """An open request from the queue, as its card to take; refused when it is not
        (or no longer) one the expert may take."""
        require(person, Role.EXPERT, "open a request to take")
        consultation = await self._consultations.get(consultation_id)
        if consultation is None:
            return Refused.GONE
        if consultation.status == "resolved":
            return Refused.NOT_OPEN
        if consultation.status != "open":
            return Refused.TAKEN
        profile = await self._experts.get(person.id)
        if profile is None or not profile.available:
            return Refused.NOT_MATCHING
        if not await self._reports.can_take(person.id, consultation_id):
            log.warning("request %s is not for expert %s to take", consultation_id, person.id)
            return Refused.NOT_MATCHING
        return consultation

    async def thread(self, person: Person, consultation_id: int) -> Thread:
        """The request and what was written, for its asker or its expert only (anyone
        else: InvalidChoice, as for any forged button)."""
        consultation, side = await self._desk.side_of(person, consultation_id)
        question = ThreadEntry(
            Side.ASKER,
            consultation.asker_id,
            consultation.question,
            None,
            consultation.created_at,
        )
        messages = await self._reports.thread(consultation_id)
        return Thread(consultation, side, (question, *messages))

    def _require_organizer(self, person: Person, action: str) -> None:
        if not person.has_any(Role.ORGANIZER, Role.ADMIN):
            raise refuse(person, action, "(needs organizer)")

    async def report(self, person: Person) -> Report:
        """The desk's figures, overall and by theme and by country."""
        self._require_organizer(person, "consultation figures")
        lines = await self._reports.every_line()
        return Report(
            figures(lines),
            _grouped(lines, lambda line: line.theme),
            _grouped(lines, lambda line: line.country),
        )

    async def unresolved(self, person: Person, page: int) -> Page[RequestLine]:
        """Requests waiting for an expert or with one, the longest waiting first."""
        self._require_organizer(person, "open consultation requests")
        total = await self._reports.unresolved_count()
        page, pages = _page(total, page)
        items = await self._reports.unresolved(PAGE, page * PAGE)
        return Page(tuple(items), page, pages, total)

    async def export(self, person: Person) -> list[RequestLine]:
        """Every request, for the CSV (lines hold no question and no message)."""
        self._require_organizer(person, "export consultations")
        return await self._reports.every_line()
