"""A person's notification settings, and the digests' and summaries' schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import marks
from bot.domain.notifications import Frequency, Mode, Preferences, QuietHours

_CHUNK = 500
_SCHEDULES = {"digest": "digest", "summary": "summary"}  # which schedule columns


@dataclass(frozen=True, slots=True)
class Due:
    """A digest (or summary) whose time has come, as the schedule says it."""

    user_id: int
    due_at: str
    last_at: str | None
    language: str | None
    timezone: str | None


def _quiet(start: int | None, end: int | None) -> QuietHours | None:
    return None if start is None or end is None else QuietHours(start, end)


class NotificationSettingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> Preferences:
        row = await self._db.fetchone(
            "SELECT digest, digest_day, digest_hour, quiet_from, quiet_until, summary "
            "FROM notification_settings WHERE user_id = ?",
            (user_id,),
        )
        modes = await self._db.fetchall(
            "SELECT category, mode FROM notification_modes WHERE user_id = ?", (user_id,)
        )
        themes = await self._db.fetchall(
            "SELECT theme FROM interest_themes WHERE user_id = ?", (user_id,)
        )
        countries = await self._db.fetchall(
            "SELECT country FROM interest_countries WHERE user_id = ?", (user_id,)
        )
        extra = {
            "modes": {r[0]: Mode(r[1]) for r in modes},
            "themes": frozenset(r[0] for r in themes),
            "countries": frozenset(r[0] for r in countries),
        }
        if row is None:
            return Preferences(**extra)
        return Preferences(
            digest=Frequency(row[0]),
            digest_day=row[1],
            digest_hour=row[2],
            quiet=_quiet(row[3], row[4]),
            summary=bool(row[5]),
            **extra,
        )

    async def many(self, user_ids: list[int]) -> dict[int, Preferences]:
        """The settings of many people at once (the digests' build)."""
        settings: dict[int, dict[str, object]] = {uid: {} for uid in user_ids}
        modes: dict[int, dict[str, Mode]] = {}
        themes: dict[int, set[str]] = {}
        countries: dict[int, set[str]] = {}
        for start in range(0, len(user_ids), _CHUNK):
            chunk = user_ids[start : start + _CHUNK]
            q = marks(chunk)
            for r in await self._db.fetchall(
                "SELECT user_id, digest, digest_day, digest_hour, quiet_from, quiet_until, "
                f"summary FROM notification_settings WHERE user_id IN ({q})",
                chunk,
            ):
                settings[r[0]] = {
                    "digest": Frequency(r[1]),
                    "digest_day": r[2],
                    "digest_hour": r[3],
                    "quiet": _quiet(r[4], r[5]),
                    "summary": bool(r[6]),
                }
            for r in await self._db.fetchall(
                f"SELECT user_id, category, mode FROM notification_modes WHERE user_id IN ({q})",
                chunk,
            ):
                modes.setdefault(r[0], {})[r[1]] = Mode(r[2])
            for r in await self._db.fetchall(
                f"SELECT user_id, theme FROM interest_themes WHERE user_id IN ({q})", chunk
            ):
                themes.setdefault(r[0], set()).add(r[1])
            for r in await self._db.fetchall(
                f"SELECT user_id, country FROM interest_countries WHERE user_id IN ({q})",
                chunk,
            ):
                countries.setdefault(r[0], set()).add(r[1])
        return {
            uid: Preferences(
                **settings[uid],  # type: ignore[arg-type]
                modes=modes.get(uid, {}),
                themes=frozenset(themes.get(uid, ())),
                countries=frozenset(countries.get(uid, ())),
            )
            for uid in user_ids
        }

    async def _ensure(self, user_id: int, now: datetime) -> None:
        await self._db.execute(
            "INSERT INTO notification_settings (user_id, updated_at) VALUES (?, ?) "
            "ON CONFLICT (user_id) DO NOTHING",
            (user_id, now.isoformat()),
        )

    async def set_digest(
        self,
        user_id: int,
        frequency: Frequency,
        day: int,
        hour: int,
        next_at: datetime | None,
        now: datetime,
    ) -> None:
        await self._ensure(user_id, now)
        await self._db.execute(
            "UPDATE notification_settings SET digest = ?, digest_day = ?, digest_hour = ?, "
            "next_digest_at = ?, updated_at = ? WHERE user_id = ?",
            (
                frequency.value,
                day,
                hour,
                next_at.isoformat() if next_at else None,
                now.isoformat(),
                user_id,
            ),
        )

    async def schedule(self, user_id: int) -> tuple[str | None, str | None, str | None, str | None]:
        """(next digest, last digest, next summary, last summary), UTC ISO strings."""
        row = await self._db.fetchone(
            "SELECT next_digest_at, last_digest_at, next_summary_at, last_summary_at "
            "FROM notification_settings WHERE user_id = ?",
            (user_id,),
        )
        return (row[0], row[1], row[2], row[3]) if row else (None, None, None, None)

    async def set_quiet(self, user_id: int, quiet: QuietHours | None, now: datetime) -> None:
        await self._ensure(user_id, now)
        await self._db.execute(
            "UPDATE notification_settings SET quiet_from = ?, quiet_until = ?, updated_at = ? "
            "WHERE user_id = ?",
            (
                quiet.start if quiet else None,
                quiet.end if quiet else None,
                now.isoformat(),
                user_id,
            ),
        )

    async def set_summary(
        self, user_id: int, on: bool, next_at: datetime | None, now: datetime
    ) -> None:
        await self._ensure(user_id, now)
        await self._db.execute(
            "UPDATE notification_settings SET summary = ?, next_summary_at = ?, updated_at = ? "
            "WHERE user_id = ?",
            (int(on), next_at.isoformat() if next_at else None, now.isoformat(), user_id),
        )

    async def set_mode(self, user_id: int, category: str, mode: Mode) -> None:
        if mode is Mode.IMMEDIATE:
            await self._db.execute(
                "DELETE FROM notification_modes WHERE user_id = ? AND category = ?",
                (user_id, category),
            )
            return
        await self._db.execute(
            "INSERT INTO notification_modes (user_id, category, mode) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id, category) DO UPDATE SET mode = excluded.mode",
            (user_id, category, mode.value),
        )

    async def set_themes(self, user_id: int, themes: frozenset[str]) -> None:
        await self._db.execute("DELETE FROM interest_themes WHERE user_id = ?", (user_id,))
        await self._db.executemany(
            "INSERT INTO interest_themes (user_id, theme) VALUES (?, ?)",
            [(user_id, t) for t in sorted(themes)],
        )

    async def set_countries(self, user_id: int, countries: frozenset[str]) -> None:
        await self._db.execute("DELETE FROM interest_countries WHERE user_id = ?", (user_id,))
        await self._db.executemany(
            "INSERT INTO interest_countries (user_id, country) VALUES (?, ?)",
            [(user_id, c) for c in sorted(countries)],
        )

    # ------------------------------------------------------------------ the schedule

    async def due(self, what: str, now: datetime, limit: int) -> list[Due]:
        """The digests (`what`="digest") or organizers' summaries ("summary") whose time
        has come, the longest waiting first."""
        column = _SCHEDULES[what]
        rows = await self._db.fetchall(
            f"SELECT s.user_id, s.next_{column}_at, s.last_{column}_at, u.language, "
            "u.timezone FROM notification_settings s JOIN users u ON u.id = s.user_id "
            f"WHERE s.next_{column}_at IS NOT NULL AND s.next_{column}_at <= ? "
            f"ORDER BY s.next_{column}_at, s.user_id LIMIT ?",
            (now.isoformat(), limit),
        )
        return [Due(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    async def move(
        self, what: str, user_id: int, due_at: str, sent_at: datetime, next_at: datetime | None
    ) -> bool:
        """Record the digest (summary) due at `due_at` as sent and schedule the next;
        False when another tick did it first (the caller then queues nothing)."""
        column = _SCHEDULES[what]
        return bool(
            await self._db.rowcount(
                f"UPDATE notification_settings SET last_{column}_at = ?, next_{column}_at = ? "
                f"WHERE user_id = ? AND next_{column}_at = ?",
                (
                    sent_at.isoformat(),
                    next_at.isoformat() if next_at else None,
                    user_id,
                    due_at,
                ),
            )
        )

    async def organizers_unscheduled(self) -> list[tuple[int, str | None, int, int]]:
        """Organizers whose weekly summary has no date yet: (id, time zone, day, hour)."""
        rows = await self._db.fetchall(
            "SELECT r.user_id, u.timezone, COALESCE(s.digest_day, 0), "
            "COALESCE(s.digest_hour, 9) FROM user_roles r JOIN users u ON u.id = r.user_id "
            "LEFT JOIN notification_settings s ON s.user_id = r.user_id "
            "WHERE r.role = 'organizer' AND (s.user_id IS NULL OR "
            "(s.summary = 1 AND s.next_summary_at IS NULL)) ORDER BY r.user_id"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def is_organizer(self, user_id: int) -> bool:
        return bool(
            await self._db.fetchval(
                "SELECT 1 FROM user_roles WHERE user_id = ? AND role = 'organizer'", (user_id,)
            )
        )

    async def schedule_summary(self, user_id: int, next_at: datetime, now: datetime) -> None:
        await self._ensure(user_id, now)
        await self._db.execute(
            "UPDATE notification_settings SET next_summary_at = ? WHERE user_id = ? "
            "AND summary = 1 AND next_summary_at IS NULL",
            (next_at.isoformat(), user_id),
        )

    async def hold_rows(self, user_id: int, not_before: datetime | None) -> int:
        """Move the person's held messages to `not_before` (None: at once)."""
        return await self._db.rowcount(
            "UPDATE outbox SET not_before = ? WHERE user_id = ? AND status = 'queued' "
            "AND not_before IS NOT NULL",
            (not_before.isoformat() if not_before else None, user_id),
        )
