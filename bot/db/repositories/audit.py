"""The admins' audit trail: who decided what, when."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.domain.admin import AuditRow


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        actor_id: int | None,
        action: str,
        subject_type: str,
        now: datetime,
        *,
        subject_id: int | None = None,
        subject_user_id: int | None = None,
        detail: str = "",
    ) -> None:
        await self._db.execute(
            "INSERT INTO audit_log (actor_id, action, subject_type, subject_id, "
            "subject_user_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (actor_id, action, subject_type, subject_id, subject_user_id, detail, now.isoformat()),
        )

    async def count(self, family: str | None) -> int:
        """Entries of a family of actions ("expert" for expert.*), or all."""
        if family is None:
            return int(await self._db.fetchval("SELECT COUNT(*) FROM audit_log"))
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM audit_log WHERE action LIKE ?", (f"{family}.%",)
            )
        )

    async def page(self, family: str | None, offset: int, limit: int) -> list[AuditRow]:
        """Newest first."""
        where, params = ("", ()) if family is None else ("WHERE action LIKE ? ", (f"{family}.%",))
        rows = await self._db.fetchall(
            "SELECT created_at, actor_id, action, subject_type, subject_id, subject_user_id, "
            f"detail FROM audit_log {where}ORDER BY id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [
            AuditRow(
                at=datetime.fromisoformat(r["created_at"]),
                actor_id=r["actor_id"],
                action=r["action"],
                subject_type=r["subject_type"],
                subject_id=r["subject_id"],
                subject_user_id=r["subject_user_id"],
                detail=r["detail"],
            )
            for r in rows
        ]
