"""Erasing a person: everything keyed by their Telegram id, in one transaction."""

from __future__ import annotations

from bot.db.database import Database


class PersonalDataRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def erase(self, user_id: int) -> None:
        """Delete the person's row (roles, memberships, join requests and expert profile go
        with it by ON DELETE CASCADE) and every trace of them elsewhere. Organizations they
        coordinate must have been handed over or deleted before."""
        async with self._db.transaction():
            statements = (
                "UPDATE partnerships SET proposer_contact = NULL, proposed_by = NULL "
                "WHERE proposed_by = ?",
                "UPDATE partnerships SET accepter_contact = NULL, decided_by = NULL "
                "WHERE decided_by = ?",
                "UPDATE audit_log SET actor_id = NULL WHERE actor_id = ?",
                "UPDATE audit_log SET subject_user_id = NULL WHERE subject_user_id = ?",
                "DELETE FROM fsm_storage WHERE user_id = ? OR chat_id = ?",
                "UPDATE organizations SET coordinator_id = NULL WHERE coordinator_id = ?",
                "DELETE FROM users WHERE id = ?",
            )
            for sql in statements:
                await self._db.execute(sql, (user_id,) * sql.count("?"))

    async def erase_conversation(self, user_id: int) -> None:
        await self._db.execute(
            "DELETE FROM fsm_storage WHERE user_id = ? OR chat_id = ?", (user_id, user_id)
        )
