from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.domain.events import Event
from bot.ui.html import Markup, html, lines, shorten
from dialogs.common import person_of, services_of

SUMMARY_BUDGET = 3000  # of Telegram's 4,096, for the answers; the rest for titles and notes


async def _event(manager: DialogManager) -> Event | None:
    return await services_of(manager).answers.event(
        person_of(manager),
        int(manager.start_data["event_id"]),  # type: ignore[index]
    )


async def question_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    event = await _event(dialog_manager)
    questions = event.details.questions if event else ()
    index = min(int(dialog_manager.dialog_data.get("index", 0)), max(len(questions) - 1, 0))
    question = questions[index] if questions else None
    answers: dict[str, str] = dialog_manager.dialog_data.get("answers", {})
    current = answers.get(str(question.id)) if question else None
    return {
        "header": html(
            _("📝 <b>Application: «{title}»</b>\nQuestion {number} of {total}"),
            title=event.details.title if event else "",
            number=index + 1,
            total=len(questions),
        ),
        "question": "\n" + question.text if question else "",
        "options": [(str(i), option) for i, option in enumerate(question.options)]
        if question
        else [],
        "current": _("\nYour answer: {answer}").format(answer=shorten(current, 1500))
        if current
        else "",
        "has_previous": index > 0,
    }


def summary_text(event: Event | None, answers: dict[str, str]) -> Markup:
    """The application to check before sending. Long answers are shortened here so that
    it fits one message; what is sent and stored is every answer in full."""
    questions = event.details.questions if event else ()
    given = [answers.get(str(q.id), "") for q in questions]
    budget = SUMMARY_BUDGET // max(len(questions), 1)
    # answers shorter than their share leave room for the others
    spare = sum(max(budget - len(a), 0) for a in given)
    long = sum(1 for a in given if len(a) > budget)
    share = budget + (spare // long if long else 0)
    parts: list[str | Markup] = [
        html(
            _("📝 <b>Check your application: «{title}»</b>"),
            title=shorten(event.details.title, 150) if event else "",
        ),
        "",
    ]
    for question, answer in zip(questions, given, strict=True):
        parts += [html("<b>{q}</b>", q=shorten(question.text, 200)), shorten(answer, share), ""]
    parts.append(
        _(
            "The organizer will see these answers and your Telegram name. You can change them "
            "until the deadline."
        )
    )
    return lines(parts)


async def summary_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    event = await _event(dialog_manager)
    return {"summary": summary_text(event, dialog_manager.dialog_data.get("answers", {}))}
