"""/newpoll's steps: each answer is kept in dialog_data, then the first step still
unanswered opens (or the preview). The service checks everything again when sending."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.polls import (
    MAX_QUESTIONS,
    DraftQuestion,
    InvalidPoll,
    PollProblem,
    QuestionKind,
    checked_question,
)
from bot.formatting import format_number
from bot.services.polls import PollsService
from bot.ui.new_poll import problem_text
from dialogs.audience import audience_from
from dialogs.common import (
    ERROR_KEY,
    back_to_menu,
    back_to_step,
    now_of,
    person_of,
    services_of,
    set_error,
    to_first_unanswered,
)
from dialogs.event_inputs import read_moment
from dialogs.new_poll.states import NewPoll as S

OTHER_WIDGET = "q_other"
QUICK_CLOSING = {
    "1d": timedelta(days=1),
    "3d": timedelta(days=3),
    "7d": timedelta(weeks=1),
    "14d": timedelta(weeks=2),
}
REMINDERS = (24, 3, 0)  # hours before closing; 0: none


def _needs_title(data: dict[str, Any]) -> bool:
    return len(data.get("questions", [])) > 1


# Each answer's key in dialog_data, in the order the form asks them.
ORDER = (
    ("questions_done", S.questions),
    ("title_done", S.title),
    ("anonymous", S.anonymous),
    ("audience_done", S.audience),
    ("closes", S.closes),
    ("remind_done", S.remind),
    ("public", S.results),
)


async def go_on(manager: DialogManager) -> None:
    """The first step still unanswered, or the preview."""
    data = manager.dialog_data
    if not data.get("questions"):
        data.pop(ERROR_KEY, None)
        await manager.switch_to(S.question)
        return
    await to_first_unanswered(
        manager, ORDER, S.preview, lambda key: key == "title_done" and not _needs_title(data)
    )


def drafts_of(data: dict[str, Any]) -> list[DraftQuestion]:
    return [
        DraftQuestion(
            QuestionKind(q["kind"]),
            q["text"],
            tuple(q["options"]),
            q.get("max"),
            q.get("scale"),
            bool(q.get("other")),
        )
        for q in data.get("questions", [])
    ]


# ---------------------------------------------------------------------- one question


async def on_question(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["q_text"] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.kind)


async def on_kind(callback: CallbackQuery, _w: Any, manager: DialogManager, kind: str) -> None:
    data = manager.dialog_data
    data["q_kind"] = kind
    data.pop(ERROR_KEY, None)
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        await manager.switch_to(S.options)
    elif kind == QuestionKind.RATING:
        await manager.switch_to(S.scale)
    else:
        await _add(manager, {})


async def on_options(message: Message, manager: DialogManager, value: str) -> None:
    data = manager.dialog_data
    options = [line.strip() for line in value.splitlines() if line.strip()]
    other = bool(manager.find(OTHER_WIDGET).is_checked())  # type: ignore[union-attr]
    draft = DraftQuestion(QuestionKind(data["q_kind"]), data["q_text"], tuple(options), other=other)
    try:
        checked = checked_question(len(data.get("questions", [])), draft)
    except InvalidPoll as error:
        set_error(manager, problem_text(error.problem))
        return
    data["q_options"] = list(checked.options)
    data["q_other"] = other
    data.pop(ERROR_KEY, None)
    if checked.kind == QuestionKind.MULTIPLE and len(checked.options) + int(other) > 2:
        await manager.switch_to(S.maximum)
        return
    await _add(manager, {"options": list(checked.options), "other": other})


async def on_maximum(callback: CallbackQuery, _w: Any, manager: DialogManager, value: str) -> None:
    data = manager.dialog_data
    await _add(
        manager,
        {
            "options": data["q_options"],
            "other": data.get("q_other", False),
            "max": int(value) or None,
        },
    )


async def on_scale(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await _add(manager, {"scale": 10 if button.widget_id == "scale_10" else 5})


async def _add(manager: DialogManager, details: dict[str, Any]) -> None:
    data = manager.dialog_data
    question = {
        "kind": data.pop("q_kind"),
        "text": data.pop("q_text"),
        "options": details.get("options", []),
        "max": details.get("max"),
        "scale": details.get("scale"),
        "other": details.get("other", False),
    }
    data.pop("q_options", None)
    data.pop("q_other", None)
    await manager.find(OTHER_WIDGET).set_checked(False)  # type: ignore[union-attr]
    data.setdefault("questions", []).append(question)
    data.pop("questions_done", None)
    data.pop(ERROR_KEY, None)
    await manager.switch_to(S.questions)


# ---------------------------------------------------------------------- the questions


async def on_add_question(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    if len(manager.dialog_data.get("questions", [])) >= MAX_QUESTIONS:
        set_error(manager, problem_text(PollProblem.MANY_QUESTIONS))
        return
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.question)


async def on_remove_question(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    questions = manager.dialog_data.get("questions", [])
    if questions:
        questions.pop()
    manager.dialog_data.pop(ERROR_KEY, None)
    if not questions:
        await manager.switch_to(S.question)


async def on_questions_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    if not manager.dialog_data.get("questions"):
        set_error(manager, problem_text(PollProblem.NO_QUESTION))
        return
    manager.dialog_data["questions_done"] = True
    await go_on(manager)


async def on_title(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["title"] = value
    manager.dialog_data["title_done"] = True
    await go_on(manager)


async def on_no_title(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["title"] = ""
    manager.dialog_data["title_done"] = True
    await go_on(manager)


# ---------------------------------------------------------------------- settings


async def on_anonymous(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["anonymous"] = button.widget_id == "anonymous"
    await go_on(manager)


async def on_audience_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["audience_done"] = True
    await go_on(manager)


async def _set_closing(manager: DialogManager, moment: datetime) -> None:
    try:
        PollsService.check("", drafts_of(manager.dialog_data), moment, now_of(manager))
    except InvalidPoll as error:
        set_error(manager, problem_text(error.problem, error.question))
        return
    manager.dialog_data["closes"] = moment.isoformat()
    manager.dialog_data.pop("remind_done", None)  # the reminders possible depend on it
    await go_on(manager)


async def on_closes(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value)
    if moment is not None:
        await _set_closing(manager, moment)


async def on_quick_closing(
    callback: CallbackQuery, _w: Any, manager: DialogManager, code: str
) -> None:
    now = now_of(manager).replace(second=0, microsecond=0)
    await _set_closing(manager, now + QUICK_CLOSING[code])


def reminders_possible(manager: DialogManager) -> list[int]:
    """The reminders that would come before closing and after now (and «none»)."""
    closes = datetime.fromisoformat(manager.dialog_data["closes"])
    ahead = closes - now_of(manager)
    return [h for h in REMINDERS if not h or timedelta(hours=h) < ahead]


async def on_remind(callback: CallbackQuery, _w: Any, manager: DialogManager, hours: str) -> None:
    manager.dialog_data["remind"] = int(hours)
    manager.dialog_data["remind_done"] = True
    await go_on(manager)


async def on_results(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["public"] = button.widget_id == "public"
    await go_on(manager)


# ---------------------------------------------------------------------- sending

_PROBLEM_STEP = {
    PollProblem.NOBODY: ("audience_done", S.audience),
    PollProblem.FEW_FOR_ANONYMOUS: ("audience_done", S.audience),
    PollProblem.CLOSES_IN_THE_PAST: ("closes", S.closes),
    PollProblem.CLOSES_TOO_SOON: ("closes", S.closes),
    PollProblem.CLOSES_TOO_LATE: ("closes", S.closes),
    PollProblem.LONG_TITLE: ("title_done", S.title),
}


async def on_send(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    person = person_of(manager)
    hours = int(data.get("remind") or 0)
    try:
        sent = await services_of(manager).polls.send(
            person,
            data.get("title") or "",
            drafts_of(data),
            audience_from(manager),
            datetime.fromisoformat(data["closes"]),
            now_of(manager),
            anonymous=bool(data["anonymous"]),
            results_public=bool(data["public"]),
            remind_before=timedelta(hours=hours) if hours else None,
        )
    except InvalidPoll as error:
        key, state = _PROBLEM_STEP.get(error.problem, ("questions_done", S.questions))
        await back_to_step(manager, key, state, problem_text(error.problem, error.question))
        return
    await callback.bot.send_message(  # type: ignore[union-attr]
        person.id,
        ngettext(
            "📤 Sent: the poll is going out to {count} person. /polls shows the answers as "
            "they come.",
            "📤 Sent: the poll is going out to {count} people. /polls shows the answers as "
            "they come.",
            sent.recipients,
        ).format(count=format_number(sent.recipients, person.locale)),
    )
    await back_to_menu(manager)
