"""The roles a person can hold. A person holds several at once (an expert who is an admin)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEMBER = "member"  # everyone who uses the bot
    COORDINATOR = "coordinator"  # coordinates an approved organization
    EXPERT = "expert"
    ORGANIZER = "organizer"
    ADMIN = "admin"  # configured by ADMIN_IDS
