"""Who an event's audience reaches: the people matching its dimensions (themes, countries,
organization types, roles); no dimension at all means everyone."""

from __future__ import annotations

from bot.db.database import Database
from bot.domain.events import ANNOUNCEMENT

# A person's reach for audience matching: their country, their approved organizations'
# countries, types and themes, their expert themes and their roles.
_MATCH = {
    "country": (
        "(u.country IN ({q}) OR EXISTS (SELECT 1 FROM organization_members m "
        "JOIN organizations o ON o.id = m.organization_id AND o.status = 'approved' "
        "WHERE m.user_id = u.id AND o.country IN ({q})))"
    ),
    "kind": (
        "EXISTS (SELECT 1 FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' "
        "WHERE m.user_id = u.id AND o.kind IN ({q}))"
    ),
    "theme": (
        "(EXISTS (SELECT 1 FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' JOIN organization_themes t "
        "ON t.organization_id = o.id WHERE m.user_id = u.id AND t.theme IN ({q})) "
        "OR EXISTS (SELECT 1 FROM experts e JOIN expert_themes et ON et.user_id = e.user_id "
        "WHERE e.user_id = u.id AND e.status = 'approved' AND et.theme IN ({q})))"
    ),
    # named organizations (a poll's audience): their members, coordinators included
    "org": (
        "EXISTS (SELECT 1 FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' "
        "WHERE m.user_id = u.id AND CAST(o.id AS TEXT) IN ({q}))"
    ),
}
_ROLE_MATCH = {
    "member": (
        "EXISTS (SELECT 1 FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' WHERE m.user_id = u.id)"
    ),
    "coordinator": (
        "EXISTS (SELECT 1 FROM organizations o WHERE o.coordinator_id = u.id "
        "AND o.status = 'approved')"
    ),
    "expert": "EXISTS (SELECT 1 FROM experts e WHERE e.user_id = u.id AND e.status = 'approved')",
    "organizer": (
        "EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'organizer')"
    ),
}

Audience = dict[str, tuple[str, ...]]


def audience_condition(audience: Audience) -> tuple[str, list[object]]:
    """SQL over `users u` that is true for the people `audience` reaches."""
    parts: list[str] = []
    params: list[object] = []
    for dimension, values in audience.items():
        if not values:
            continue
        if dimension == "role":
            roles = [_ROLE_MATCH[v] for v in values if v in _ROLE_MATCH]
            parts.append("(" + " OR ".join(roles or ["0"]) + ")")
            continue
        sql = _MATCH[dimension]
        marks = ", ".join("?" * len(values))
        parts.append(sql.format(q=marks))
        params += list(values) * sql.count("{q}")
    return (" AND ".join(parts) or "1"), params


class AudienceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def of_event(self, event_id: int) -> Audience:
        rows = await self._db.fetchall(
            "SELECT dimension, value FROM event_audience WHERE event_id = ? "
            "ORDER BY dimension, value",
            (event_id,),
        )
        audience: Audience = {}
        for r in rows:
            audience[r[0]] = (*audience.get(r[0], ()), r[1])
        return audience

    async def people(self, audience: Audience) -> list[int]:
        """The reachable people the audience includes, by id: not those who blocked the
        bot, nor those the admins blocked (the outbox would leave them out)."""
        condition, params = audience_condition(audience)
        rows = await self._db.fetchall(
            f"SELECT u.id FROM users u WHERE u.is_active = 1 AND {condition} "
            "AND NOT EXISTS (SELECT 1 FROM blocked_people b WHERE b.user_id = u.id) "
            "ORDER BY u.id",
            params,
        )
        return [r[0] for r in rows]

    async def people_among(self, audience: Audience, user_ids: list[int]) -> set[int]:
        """Those of `user_ids` the audience includes (blocked or not)."""
        condition, params = audience_condition(audience)
        found: set[int] = set()
        for start in range(0, len(user_ids), 500):
            chunk = user_ids[start : start + 500]
            rows = await self._db.fetchall(
                f"SELECT u.id FROM users u WHERE u.id IN ({', '.join('?' * len(chunk))}) "
                f"AND {condition}",
                [*chunk, *params],
            )
            found.update(r[0] for r in rows)
        return found

    async def count_unreachable(self, audience: Audience) -> int:
        """The people the audience includes who blocked the bot (or whose account is gone)."""
        condition, params = audience_condition(audience)
        return int(
            await self._db.fetchval(
                f"SELECT COUNT(*) FROM users u WHERE u.is_active = 0 AND {condition}", params
            )
        )

    async def reaches(self, event_id: int, user_id: int) -> bool:
        """The person may see the event: they organize it, answered it, received its
        announcement (the audience may have changed since), or its audience includes them."""
        organizer = await self._db.fetchone(
            "SELECT organizer_id FROM events WHERE id = ?", (event_id,)
        )
        if organizer is None:
            return False
        if organizer[0] == user_id:
            return True
        if await self._db.fetchval(
            "SELECT 1 FROM event_responses WHERE event_id = ? AND user_id = ?",
            (event_id, user_id),
        ):
            return True
        if await self._db.fetchval(
            "SELECT 1 FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
            "WHERE c.kind = ? AND c.subject_id = ? AND o.user_id = ?",
            (ANNOUNCEMENT, event_id, user_id),
        ):
            return True
        condition, params = audience_condition(await self.of_event(event_id))
        return bool(
            await self._db.fetchval(
                f"SELECT 1 FROM users u WHERE u.id = ? AND {condition}", (user_id, *params)
            )
        )
