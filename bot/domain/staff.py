"""What admins see of the people they appointed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrganizersPage:
    user_ids: tuple[int, ...]  # in the order they were appointed
    page: int  # 0-based, within 0..pages-1
    pages: int
    total: int
