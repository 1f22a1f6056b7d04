"""One-time appointment links, and experts appointed before they wrote their profile."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database


class AppointmentsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create_link(
        self, token: str, role: str, admin_id: int, now: datetime, expires_at: datetime
    ) -> None:
        await self._db.execute(
            "INSERT INTO appointment_links (token, role, created_by, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (token, role, admin_id, now.isoformat(), expires_at.isoformat()),
        )

    async def use_link(
        self, token: str, user_id: int, now: datetime
    ) -> tuple[str, int | None] | None:
        """The link's role and the admin who made it, marking it used; None when it is
        unknown, used or expired."""
        rows = await self._db.returning(
            "UPDATE appointment_links SET used_by = ?, used_at = ? "
            "WHERE token = ? AND used_at IS NULL AND expires_at > ? RETURNING role, created_by",
            (user_id, now.isoformat(), token, now.isoformat()),
        )
        return None if not rows else (rows[0]["role"], rows[0]["created_by"])

    async def invite_expert(self, user_id: int, admin_id: int | None, now: datetime) -> None:
        await self._db.execute(
            "INSERT INTO expert_invitations (user_id, invited_by, invited_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO NOTHING",
            (user_id, admin_id, now.isoformat()),
        )

    async def take_expert_invitation(self, user_id: int) -> bool:
        """True (and the invitation is used) when an admin appointed the person an expert."""
        return (
            await self._db.rowcount("DELETE FROM expert_invitations WHERE user_id = ?", (user_id,))
            > 0
        )

    async def expert_invited(self, user_id: int) -> bool:
        return bool(
            await self._db.fetchval(
                "SELECT EXISTS (SELECT 1 FROM expert_invitations WHERE user_id = ?)", (user_id,)
            )
        )
