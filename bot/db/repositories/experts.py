"""Expert profiles: themes, countries, languages, bio, approval and availability."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.db.database import Database
from bot.domain.experts import ExpertProfile

_SELECT = (
    "SELECT e.*, "
    "(SELECT group_concat(theme) FROM expert_themes WHERE user_id = e.user_id) AS theme_list, "
    "(SELECT group_concat(country) FROM expert_countries WHERE user_id = e.user_id) "
    "AS country_list, "
    "(SELECT group_concat(language) FROM expert_languages WHERE user_id = e.user_id) "
    "AS language_list "
    "FROM experts e"
)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(filter(None, (value or "").split(","))))


def _profile(row: sqlite3.Row) -> ExpertProfile:
    return ExpertProfile(
        user_id=row["user_id"],
        bio=row["bio"],
        status=row["status"],
        available=bool(row["available"]),
        themes=_split(row["theme_list"]),
        countries=_split(row["country_list"]),
        languages=_split(row["language_list"]),
        reject_reason=row["reject_reason"],
    )


class ExpertsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> ExpertProfile | None:
        row = await self._db.fetchone(f"{_SELECT} WHERE e.user_id = ?", (user_id,))
        return None if row is None else _profile(row)

    async def save(
        self,
        user_id: int,
        *,
        bio: str,
        themes: tuple[str, ...],
        countries: tuple[str, ...],
        languages: tuple[str, ...],
        status: str,
        now: datetime,
    ) -> None:
        """Create or replace the profile (an edit of an approved one keeps its approval when
        `status` says so)."""
        self._db.require_transaction()
        stamp = now.isoformat()
        await self._db.execute(
            "INSERT INTO experts (user_id, bio, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET bio = excluded.bio, "
            "status = excluded.status, reject_reason = NULL, updated_at = excluded.updated_at",
            (user_id, bio, status, stamp, stamp),
        )
        for table, column, values in (
            ("expert_themes", "theme", themes),
            ("expert_countries", "country", countries),
            ("expert_languages", "language", languages),
        ):
            await self._db.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
            await self._db.executemany(
                f"INSERT INTO {table} (user_id, {column}) VALUES (?, ?)",
                [(user_id, v) for v in values],
            )

    async def decide(self, user_id: int, status: str, reason: str | None, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE experts SET status = ?, reject_reason = ?, decided_at = ?, updated_at = ? "
            "WHERE user_id = ? AND status = 'pending'",
            (status, reason, now.isoformat(), now.isoformat(), user_id),
        )
        return changed > 0

    async def withdraw(self, user_id: int, now: datetime) -> bool:
        """An admin removes an approved expert: the profile stays, not approved."""
        changed = await self._db.rowcount(
            "UPDATE experts SET status = 'rejected', reject_reason = NULL, decided_at = ?, "
            "updated_at = ? WHERE user_id = ? AND status = 'approved'",
            (now.isoformat(), now.isoformat(), user_id),
        )
        return changed > 0

    async def set_available(self, user_id: int, available: bool, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE experts SET available = ?, updated_at = ? WHERE user_id = ? "
            "AND status = 'approved'",
            (int(available), now.isoformat(), user_id),
        )
        return changed > 0

    async def with_status(self, status: str) -> list[ExpertProfile]:
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE e.status = ? ORDER BY e.created_at", (status,)
        )
        return [_profile(r) for r in rows]

    async def approved_for(self, theme: str) -> list[ExpertProfile]:
        """Approved, available experts of a theme."""
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE e.status = 'approved' AND e.available = 1 AND EXISTS "
            "(SELECT 1 FROM expert_themes t WHERE t.user_id = e.user_id AND t.theme = ?) "
            "ORDER BY e.user_id",
            (theme,),
        )
        return [_profile(r) for r in rows]
