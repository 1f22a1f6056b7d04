"""The admins' audit trail: who decided what, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor_id: int | None
    action: str
    subject_type: str
    subject_id: int | None
    subject_user_id: int | None
    detail: str
    created_at: str


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

    async def entries(self, limit: int = 100) -> list[AuditEntry]:
        rows = await self._db.fetchall(
            "SELECT actor_id, action, subject_type, subject_id, subject_user_id, detail, "
            "created_at FROM audit_log ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AuditEntry(*tuple(r)) for r in rows]
