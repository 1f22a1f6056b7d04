"""Who an event's audience reaches: the people matching its dimensions (themes, countries,
organization types, roles); no dimension at all means everyone."""

from __future__ import annotations

from datetime import datetime

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


# What a person is, dimension by dimension, as an event's audience asks: the same facts
# `audience_condition` tests, as rows to join with (named parameter :user).
_FACTS = (
    "facts (dimension, value) AS ("
    "SELECT 'country', country FROM users WHERE id = :user AND country IS NOT NULL "
    "UNION SELECT 'country', o.country FROM organization_members m JOIN organizations o "
    "ON o.id = m.organization_id AND o.status = 'approved' WHERE m.user_id = :user "
    "UNION SELECT 'kind', o.kind FROM organization_members m JOIN organizations o "
    "ON o.id = m.organization_id AND o.status = 'approved' WHERE m.user_id = :user "
    "UNION SELECT 'theme', t.theme FROM organization_members m JOIN organizations o "
    "ON o.id = m.organization_id AND o.status = 'approved' JOIN organization_themes t "
    "ON t.organization_id = o.id WHERE m.user_id = :user "
    "UNION SELECT 'theme', et.theme FROM experts e JOIN expert_themes et "
    "ON et.user_id = e.user_id WHERE e.user_id = :user AND e.status = 'approved' "
    "UNION SELECT 'role', 'member' WHERE EXISTS (SELECT 1 FROM organization_members m "
    "JOIN organizations o ON o.id = m.organization_id AND o.status = 'approved' "
    "WHERE m.user_id = :user) "
    "UNION SELECT 'role', 'coordinator' WHERE EXISTS (SELECT 1 FROM organizations o "
    "WHERE o.coordinator_id = :user AND o.status = 'approved') "
    "UNION SELECT 'role', 'expert' WHERE EXISTS (SELECT 1 FROM experts e "
    "WHERE e.user_id = :user AND e.status = 'approved') "
    "UNION SELECT 'role', 'organizer' WHERE EXISTS (SELECT 1 FROM user_roles r "
    "WHERE r.user_id = :user AND r.role = 'organizer'))"
)


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

    async def upcoming_for(self, user_id: int, now: datetime) -> list[int]:
        """The published events not yet over that the person may see (as `reaches`
        decides, event by event), soonest first, in one query."""
        rows = await self._db.fetchall(
            # the person's outbox rows as a list, not a search of the outbox per announcement
            f"WITH {_FACTS}, announced (event_id) AS (SELECT c.subject_id FROM campaigns c "
            "WHERE c.kind = :kind AND c.id IN (SELECT o.campaign_id FROM outbox o "
            "WHERE o.user_id = :user)) "
            "SELECT e.id FROM events e WHERE e.status = 'published' "
            "AND COALESCE(e.ends_at, e.starts_at) >= :now AND ("
            "e.organizer_id = :user "
            "OR EXISTS (SELECT 1 FROM event_responses r WHERE r.event_id = e.id "
            "AND r.user_id = :user) "
            "OR e.id IN (SELECT event_id FROM announced) "
            # every dimension of its audience has a value the person matches
            "OR NOT EXISTS (SELECT 1 FROM event_audience a WHERE a.event_id = e.id "
            "AND NOT EXISTS (SELECT 1 FROM event_audience b JOIN facts f "
            "ON f.dimension = b.dimension AND f.value = b.value "
            "WHERE b.event_id = e.id AND b.dimension = a.dimension))) "
            "ORDER BY e.starts_at, e.id",
            {"user": user_id, "now": now.isoformat(), "kind": ANNOUNCEMENT},
        )
        return [r[0] for r in rows]

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
