"""The admins' console's reads: the network's figures, a broadcast's progress (the audit
log's pages: `audit`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.database import Database
from bot.domain.admin import BroadcastProgress, Figures

_APPROVED = "FROM organizations WHERE status = 'approved'"


def _largest_first(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """As `ORDER BY n DESC, name`."""
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


class AdminConsoleRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def _count(self, sql: str, params: tuple[object, ...] = ()) -> int:
        return int(await self._db.fetchval(sql, params) or 0)

    async def _grouped(self, sql: str) -> tuple[tuple[str, int], ...]:
        return tuple((r[0], int(r[1])) for r in await self._db.fetchall(sql))

    async def figures(self, now: datetime) -> Figures:
        """What grows with the network is counted from indexes (migration 0020); only the
        number of people and the approved organizations' themes read a whole table."""
        stamp = now.isoformat()
        day_ago = (now - timedelta(days=1)).isoformat()
        people = await self._db.fetchone(
            "SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM users WHERE is_active = 0)"
        )
        assert people is not None
        experts = await self._db.fetchone(
            "SELECT COALESCE(SUM(status = 'approved'), 0), "
            "COALESCE(SUM(status = 'approved' AND available = 1), 0), "
            "COALESCE(SUM(status = 'pending'), 0) FROM experts"
        )
        assert experts is not None
        outbox = await self._db.fetchone(
            "SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'queued'), "
            "(SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND updated_at >= ?), "
            "(SELECT COUNT(*) FROM outbox WHERE status IN ('failed', 'blocked') "
            "AND updated_at >= ?)",
            (day_ago, day_ago),
        )
        assert outbox is not None
        by_country: dict[str, int] = {}
        by_kind: dict[str, int] = {}
        for country, kind, count in await self._db.fetchall(
            f"SELECT country, kind, COUNT(*) {_APPROVED} GROUP BY country, kind"
        ):
            by_country[country] = by_country.get(country, 0) + count
            by_kind[kind] = by_kind.get(kind, 0) + count
        return Figures(
            organizations=sum(by_country.values()),
            by_country=_largest_first(by_country),
            by_kind=_largest_first(by_kind),
            by_theme=await self._grouped(
                "SELECT t.theme, COUNT(*) AS n FROM organization_themes t JOIN organizations o "
                "ON o.id = t.organization_id AND o.status = 'approved' GROUP BY t.theme "
                "ORDER BY n DESC, t.theme"
            ),
            pending_organizations=await self._count(
                "SELECT COUNT(*) FROM organizations WHERE status = 'pending'"
            ),
            people=int(people[0]),
            reachable=int(people[0]) - int(people[1]),
            unreachable=int(people[1]),
            experts=int(experts[0]),
            experts_available=int(experts[1]),
            pending_experts=int(experts[2]),
            organizers=await self._count(
                "SELECT COUNT(*) FROM user_roles WHERE role = 'organizer'"
            ),
            blocked=await self._count("SELECT COUNT(*) FROM blocked_people"),
            upcoming_events=await self._count(
                "SELECT COUNT(*) FROM events WHERE status = 'published' "
                "AND COALESCE(ends_at, starts_at) >= ?",
                (stamp,),
            ),
            open_polls=await self._count("SELECT COUNT(*) FROM polls WHERE closed_at IS NULL"),
            open_consultations=await self._count(
                "SELECT COUNT(*) FROM consultations WHERE status IN ('open', 'taken')"
            ),
            rec_sets=await self._count(
                "SELECT COUNT(*) FROM rec_sets WHERE sent_at IS NOT NULL AND deleted_at IS NULL"
            ),
            outbox_backlog=int(outbox[0]),
            sent_day=int(outbox[1]),
            failed_day=int(outbox[2]),
        )

    async def broadcast_progress(self, campaign_id: int) -> BroadcastProgress:
        row = await self._db.fetchone(
            "SELECT COUNT(*), COALESCE(SUM(status = 'sent'), 0), "
            "COALESCE(SUM(status = 'queued'), 0), "
            "COALESCE(SUM(status IN ('failed', 'blocked', 'cancelled')), 0) "
            "FROM outbox WHERE campaign_id = ?",
            (campaign_id,),
        )
        started = await self._db.fetchval(
            "SELECT created_at FROM campaigns WHERE id = ?", (campaign_id,)
        )
        assert row is not None
        return BroadcastProgress(
            recipients=int(row[0]),
            sent=int(row[1]),
            queued=int(row[2]),
            failed=int(row[3]),
            started_at=None if started is None else datetime.fromisoformat(started),
        )
