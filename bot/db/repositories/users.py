"""People who use the bot, their settings and granted roles."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.db.database import Database
from bot.domain.people import UserRecord


def _record(row: sqlite3.Row) -> UserRecord:
    return UserRecord(
        id=row["id"],
        language=row["language"],
        language_chosen=bool(row["language_chosen"]),
        country=row["country"],
        timezone=row["timezone"],
        is_active=bool(row["is_active"]),
        granted_roles=frozenset(filter(None, (row["roles"] or "").split(","))),
        coordinates=bool(row["coordinates"]),
        expert=bool(row["expert"]),
        search_name=row["search_name"],
        blocked=bool(row["blocked"]),
    )


_SELECT = (
    "SELECT u.*, "
    "(SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles, "
    "EXISTS (SELECT 1 FROM organizations o WHERE o.coordinator_id = u.id "
    "AND o.status = 'approved') AS coordinates, "
    "EXISTS (SELECT 1 FROM experts e WHERE e.user_id = u.id AND e.status = 'approved') "
    "AS expert, "
    "EXISTS (SELECT 1 FROM blocked_people b WHERE b.user_id = u.id) AS blocked "
    "FROM users u"
)


class UsersRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> UserRecord | None:
        row = await self._db.fetchone(f"{_SELECT} WHERE u.id = ?", (user_id,))
        return None if row is None else _record(row)

    async def create(self, user_id: int, language: str | None, now: datetime) -> None:
        stamp = now.isoformat()
        await self._db.execute(
            "INSERT INTO users (id, language, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            (user_id, language, stamp, stamp),
        )

    async def set_language(self, user_id: int, language: str, now: datetime) -> None:
        await self._db.execute(
            "UPDATE users SET language = ?, language_chosen = 1, updated_at = ? WHERE id = ?",
            (language, now.isoformat(), user_id),
        )

    async def set_detected_language(self, user_id: int, language: str, now: datetime) -> None:
        """The Telegram app's language, for someone who has not picked one."""
        await self._db.execute(
            "UPDATE users SET language = ?, updated_at = ? WHERE id = ? AND language IS NULL",
            (language, now.isoformat(), user_id),
        )

    async def set_country(
        self, user_id: int, country: str, timezone: str | None, now: datetime
    ) -> None:
        await self._db.execute(
            "UPDATE users SET country = ?, timezone = ?, updated_at = ? WHERE id = ?",
            (country, timezone, now.isoformat(), user_id),
        )

    async def set_timezone(self, user_id: int, timezone: str, now: datetime) -> None:
        await self._db.execute(
            "UPDATE users SET timezone = ?, updated_at = ? WHERE id = ?",
            (timezone, now.isoformat(), user_id),
        )

    async def set_search_name(self, user_id: int, search_name: str) -> None:
        await self._db.execute(
            "UPDATE users SET search_name = ? WHERE id = ?", (search_name, user_id)
        )

    async def search(self, query: str, limit: int) -> list[int]:
        """People whose name or @username contains `query` (casefolded), newest first."""
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = await self._db.fetchall(
            "SELECT id FROM users WHERE search_name LIKE ? ESCAPE '\\' "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            (pattern, limit),
        )
        return [r["id"] for r in rows]

    async def block(self, user_id: int, admin_id: int, now: datetime) -> bool:
        """Returns True when the person was not blocked before."""
        changed = await self._db.rowcount(
            "INSERT INTO blocked_people (user_id, blocked_by, blocked_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO NOTHING",
            (user_id, admin_id, now.isoformat()),
        )
        return changed > 0

    async def blocked(self, limit: int) -> list[int]:
        """The people the admins blocked, the latest first."""
        rows = await self._db.fetchall(
            "SELECT user_id FROM blocked_people ORDER BY blocked_at DESC, user_id LIMIT ?",
            (limit,),
        )
        return [r["user_id"] for r in rows]

    async def is_blocked(self, user_id: int) -> bool:
        return bool(
            await self._db.fetchval(
                "SELECT EXISTS (SELECT 1 FROM blocked_people WHERE user_id = ?)", (user_id,)
            )
        )

    async def unblock(self, user_id: int) -> bool:
        changed = await self._db.rowcount(
            "DELETE FROM blocked_people WHERE user_id = ?", (user_id,)
        )
        return changed > 0

    async def set_active(self, user_id: int, active: bool, now: datetime) -> bool:
        """Returns True when the flag changed."""
        changed = await self._db.rowcount(
            "UPDATE users SET is_active = ?, updated_at = ? WHERE id = ? AND is_active != ?",
            (int(active), now.isoformat(), user_id, int(active)),
        )
        return changed > 0

    async def grant_role(
        self, user_id: int, role: str, granted_by: int | None, now: datetime
    ) -> None:
        await self._db.execute(
            "INSERT INTO user_roles (user_id, role, granted_at, granted_by) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, role) DO NOTHING",
            (user_id, role, now.isoformat(), granted_by),
        )

    async def revoke_role(self, user_id: int, role: str) -> None:
        await self._db.execute(
            "DELETE FROM user_roles WHERE user_id = ? AND role = ?", (user_id, role)
        )

    async def with_granted_roles(self) -> list[UserRecord]:
        """Everyone holding more than the member role (for per-person command menus)."""
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE u.id IN (SELECT user_id FROM user_roles UNION "
            "SELECT user_id FROM experts WHERE status = 'approved' UNION "
            "SELECT coordinator_id FROM organizations WHERE status = 'approved') ORDER BY u.id"
        )
        return [_record(row) for row in rows]

    async def with_role(self, role: str) -> list[int]:
        rows = await self._db.fetchall(
            "SELECT user_id FROM user_roles WHERE role = ? ORDER BY granted_at, user_id", (role,)
        )
        return [r["user_id"] for r in rows]

    async def delete(self, user_id: int) -> None:
        """The person's row; their roles, memberships, requests and profile go with it
        (ON DELETE CASCADE)."""
        await self._db.execute("DELETE FROM users WHERE id = ?", (user_id,))
