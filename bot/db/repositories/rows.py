"""Mapping stored values: times are ISO 8601 strings in UTC."""

from __future__ import annotations

from datetime import datetime


def dt(value: str) -> datetime:
    return datetime.fromisoformat(value)


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def marks(values: object) -> str:
    """`?, ?, ?` for an IN list of `len(values)`."""
    return ", ".join("?" * len(values))  # type: ignore[arg-type]
