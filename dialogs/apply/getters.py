from __future__ import annotations

from html import escape
from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.db.repositories.events import Event
from bot.services.events import EventsService


async def _event(manager: DialogManager) -> Event | None:
    events: EventsService = manager.middleware_data["events"]
    return await events.get(int(manager.start_data["event_id"]))  # type: ignore[index]


async def question_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    event = await _event(dialog_manager)
    questions = event.details.questions if event else ()
    index = min(int(dialog_manager.dialog_data.get("index", 0)), max(len(questions) - 1, 0))
    question = questions[index] if questions else None
    answers: dict[str, str] = dialog_manager.dialog_data.get("answers", {})
    current = answers.get(str(question.id)) if question else None
    return {
        "header": _("📝 <b>Application: «{title}»</b>\nQuestion {number} of {total}").format(
            title=escape(event.details.title) if event else "",
            number=index + 1,
            total=len(questions),
        ),
        "question": "\n" + escape(question.text) if question else "",
        "options": [(str(i), option) for i, option in enumerate(question.options)]
        if question
        else [],
        "current": _("\nYour answer: {answer}").format(answer=escape(current)) if current else "",
        "has_previous": index > 0,
    }


async def summary_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    event = await _event(dialog_manager)
    answers: dict[str, str] = dialog_manager.dialog_data.get("answers", {})
    lines = [
        _("📝 <b>Check your application: «{title}»</b>").format(
            title=escape(event.details.title) if event else ""
        ),
        "",
    ]
    for question in event.details.questions if event else ():
        lines += [f"<b>{escape(question.text)}</b>", escape(answers.get(str(question.id), "")), ""]
    lines.append(
        _(
            "The organizer will see these answers and your Telegram name. You can change them "
            "until the deadline."
        )
    )
    return {"summary": "\n".join(lines)}
