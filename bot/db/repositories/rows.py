"""Mapping stored values: times are ISO 8601 strings in UTC."""

from __future__ import annotations

import json
from datetime import datetime

from bot.domain.people import Contact


def dt(value: str) -> datetime:
    return datetime.fromisoformat(value)


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def marks(values: object) -> str:
    """`?, ?, ?` for an IN list of `len(values)`."""
    return ", ".join("?" * len(values))  # type: ignore[arg-type]


def contact_json(contact: Contact | None) -> str | None:
    """A contact as a person showed it when they agreed to share it."""
    if contact is None:
        return None
    return json.dumps({"id": contact.user_id, "name": contact.name, "username": contact.username})


def contact_of(raw: str | None) -> Contact | None:
    if not raw:
        return None
    data = json.loads(raw)
    return Contact(int(data["id"]), str(data["name"]), data.get("username"))
