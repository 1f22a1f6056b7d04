"""Erasing a person: everything keyed by their Telegram id, in the caller's transaction."""

from __future__ import annotations

from datetime import datetime

from markupsafe import escape

from bot.db.database import Database

# In order. Deleting the person's row takes with it (ON DELETE CASCADE) their roles,
# memberships, join requests, expert profile, answers to events, outbox rows and the
# campaigns whose message is about them (join requests, review cards, shared contacts).
_ERASE = (
    # a proposal's note is its writer's own words
    "UPDATE partnerships SET proposer_contact = NULL, note = NULL, proposed_by = NULL "
    "WHERE proposed_by = ?",
    "UPDATE partnerships SET accepter_contact = NULL, decided_by = NULL WHERE decided_by = ?",
    "UPDATE audit_log SET actor_id = NULL WHERE actor_id = ?",
    # the contact an expert agreed to share in a request they answered
    "UPDATE consultations SET expert_contact = NULL WHERE expert_id = ?",
    "UPDATE user_roles SET granted_by = NULL WHERE granted_by = ?",
    # an admin's console: links they made or used, people they blocked or appointed (a block
    # itself stays: it holds the blocked person's Telegram id only, see migration 0019)
    "UPDATE appointment_links SET created_by = NULL WHERE created_by = ?",
    "UPDATE appointment_links SET used_by = NULL WHERE used_by = ?",
    "UPDATE blocked_people SET blocked_by = NULL WHERE blocked_by = ?",
    "UPDATE expert_invitations SET invited_by = NULL WHERE invited_by = ?",
    "UPDATE audit_log SET subject_user_id = NULL WHERE subject_user_id = ?",
    "DELETE FROM fsm_storage WHERE user_id = ? OR chat_id = ?",
    # the events stay, without their organizer and the organizer's own contact
    "UPDATE events SET contact = NULL, organizer_id = NULL WHERE organizer_id = ?",
    # applications never approved, with their description and contact
    "DELETE FROM organizations WHERE coordinator_id = ? AND status IN ('pending', 'rejected', "
    "'closed')",
    "UPDATE organizations SET coordinator_id = NULL WHERE coordinator_id = ?",
    "DELETE FROM users WHERE id = ?",
)


class PersonalDataRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def erase(self, user_id: int, now: datetime) -> None:
        """Organizations the person coordinates must have been handed over or closed."""
        self._db.require_transaction()
        # An expert's requests in progress went back to the queue before (the desk's
        # service); their answers stay in the askers' threads, written by an expert who left
        # (their id goes with their row). The person's own requests and threads go with them.
        addressed = [
            r[0]
            for r in await self._db.fetchall(
                "SELECT DISTINCT campaign_id FROM outbox WHERE user_id = ?", (user_id,)
            )
        ]
        await self._redact_event_contacts(user_id)
        # an admin's console that found or shows the person forgets them: back to its
        # search (or the organizers' list), with nothing found
        for group, back in (("AdminConsole", "people"), ("Staff", "organizers")):
            await self._db.execute(
                "UPDATE fsm_storage SET data = json_set(json_remove(data, "
                "'$.dialog_data.target', '$.dialog_data.found'), '$.state', ?) "
                "WHERE destiny LIKE 'aiogd:context:%' AND json_extract(data, '$.state') "
                "LIKE ? AND data LIKE ?",
                (f"{group}:{back}", f"{group}:%", f'%"{user_id}"%'),
            )
        for sql in _ERASE:
            await self._db.execute(sql, (user_id,) * sql.count("?"))
        self._db.after_commit(self._db.fsm_changed)  # conversation state changed above
        # messages that were for this person alone (an answer to their application...)
        for campaign_id in addressed:
            await self._db.execute(
                "DELETE FROM campaigns WHERE id = ? AND NOT EXISTS "
                "(SELECT 1 FROM outbox WHERE campaign_id = ?)",
                (campaign_id, campaign_id),
            )

    async def _redact_event_contacts(self, user_id: int) -> None:
        """An organizer's contact, as their events' announcements and notices show it."""
        contacts = {
            r[0]
            for r in await self._db.fetchall(
                "SELECT contact FROM events WHERE organizer_id = ? AND contact IS NOT NULL",
                (user_id,),
            )
        }
        for contact in contacts:
            # As the messages' HTML shows it: escaped, so it holds no `<` or `>` and cannot
            # match (nor break) a tag.
            await self._db.execute(
                "UPDATE campaign_messages SET text = REPLACE(text, ?, '—') "
                "WHERE campaign_id IN (SELECT id FROM campaigns WHERE created_by = ? "
                "OR (kind LIKE 'event.%' AND subject_id IN "
                "(SELECT id FROM events WHERE organizer_id = ?)))",
                (str(escape(contact)), user_id, user_id),
            )

    async def erase_conversation(self, user_id: int) -> None:
        await self._db.execute(
            "DELETE FROM fsm_storage WHERE user_id = ? OR chat_id = ?", (user_id, user_id)
        )
        self._db.fsm_changed()
