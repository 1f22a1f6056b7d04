"""Expert profiles: themes, countries, languages, bio, approval and availability."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExpertProfile:
    user_id: int
    bio: str
    status: str
    available: bool
    themes: tuple[str, ...]
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    reject_reason: str | None


@dataclass(frozen=True, slots=True)
class ExpertDraft:
    themes: tuple[str, ...]
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    bio: str
