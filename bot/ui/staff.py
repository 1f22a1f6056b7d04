"""How admins see the people they appoint: by name and @username, as Telegram shows them."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _


def person_label(
    user_id: int, first_name: str | None, last_name: str | None, username: str | None
) -> str:
    """A plain-text label (for buttons, or to be escaped in a message)."""
    name = " ".join(part for part in (first_name, last_name) if part)
    if name and username:
        return f"{name} (@{username})"
    if name or username:
        return name or f"@{username}"
    return unknown_person_label(user_id)


def unknown_person_label(user_id: int) -> str:
    """Someone Telegram no longer tells the bot about (account deleted, never started)."""
    return _("Telegram id {id}").format(id=user_id)
