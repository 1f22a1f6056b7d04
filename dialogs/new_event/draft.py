"""The form's answers (dialog data and multiselects) as the event they describe."""

from __future__ import annotations

from datetime import datetime

from aiogram_dialog import DialogManager

from bot.domain.events import EventDetails, Milestone, Question
from dialogs.audience import audience_from


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def details_from(manager: DialogManager, timezone: str) -> EventDetails:
    data = manager.dialog_data
    return EventDetails(
        kind=data["kind"],
        title=data["title"],
        description=data["description"],
        starts_at=_moment(data["start"]),  # type: ignore[arg-type]
        ends_at=_moment(data.get("end")),
        dates_tbc=bool(data.get("tbc")),
        timezone=timezone,
        place=data.get("place"),
        online_url=data.get("link"),
        contact=data.get("contact"),
        capacity=data.get("capacity"),
        apply_by=_moment(data.get("apply_by")) if data.get("questions") else None,
        milestones=tuple(
            Milestone(m["title"], _moment(m["due"]), m["link"])  # type: ignore[arg-type]
            for m in sorted(data.get("milestones", []), key=lambda m: m["due"])
        ),
        questions=tuple(
            Question(q["text"], tuple(q["options"])) for q in data.get("questions", [])
        ),
        audience=audience_from(manager),
    )
