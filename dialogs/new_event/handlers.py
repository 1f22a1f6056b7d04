from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.countries import TIMEZONES
from bot.domain.events import InvalidEvent, Problem
from bot.ui.events import problem_text
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
from dialogs.event_inputs import form_zone, read_count, read_link, read_moment
from dialogs.new_event.draft import details_from
from dialogs.new_event.states import NewEvent as S

# Each answer's key in dialog_data, in the order the form asks them.
ORDER = (
    ("kind", S.kind),
    ("title", S.title),
    ("description", S.description),
    ("start", S.start),
    ("end_done", S.end),
    ("confirmed_done", S.confirmed),
    ("place_done", S.place),
    ("link_done", S.link),
    ("contact_done", S.contact),
    ("milestones_done", S.milestones),
    ("audience_done", S.audience),
    ("capacity_done", S.capacity),
    ("form_done", S.form),
    ("apply_by_done", S.apply_by),
)
MAX_QUESTIONS = 10
MAX_OPTIONS = 8


_now = now_of


async def go_on(manager: DialogManager) -> None:
    """The first question still unanswered, or the preview."""
    data = manager.dialog_data
    await to_first_unanswered(
        manager, ORDER, S.preview, lambda key: key == "apply_by_done" and not data.get("questions")
    )


def text_answer(key: str) -> Any:
    async def on_value(message: Message, manager: DialogManager, value: str) -> None:
        manager.dialog_data[key] = value
        manager.dialog_data[f"{key}_done"] = True
        await go_on(manager)

    return on_value


def skip(key: str) -> Any:
    async def on_skip(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        manager.dialog_data[key] = None
        manager.dialog_data[f"{key}_done"] = True
        await go_on(manager)

    return on_skip


async def on_zone(callback: CallbackQuery, _w: Any, manager: DialogManager, code: str) -> None:
    """The event's own time zone (the organizer's unless they pick another)."""
    manager.dialog_data["timezone"] = TIMEZONES[code]
    await manager.switch_to(S.start)


async def on_kind(callback: CallbackQuery, _w: Any, manager: DialogManager, kind: str) -> None:
    manager.dialog_data["kind"] = kind
    await go_on(manager)


async def on_start(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value)
    if moment is None:
        return
    if moment <= _now(manager):
        set_error(manager, problem_text(Problem.START_PAST))
        return
    manager.dialog_data["start"] = moment.isoformat()
    await go_on(manager)


async def on_end(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value)
    if moment is None:
        return
    if moment <= datetime.fromisoformat(manager.dialog_data["start"]):
        set_error(manager, problem_text(Problem.END_BEFORE_START))
        return
    manager.dialog_data["end"] = moment.isoformat()
    manager.dialog_data["end_done"] = True
    await go_on(manager)


async def on_confirmed(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["tbc"] = button.widget_id == "tbc"
    manager.dialog_data["confirmed_done"] = True
    await go_on(manager)


async def on_link(message: Message, manager: DialogManager, value: str) -> None:
    link = read_link(manager, value)
    if link is None:
        return
    manager.dialog_data["link"] = link
    manager.dialog_data["link_done"] = True
    await go_on(manager)


# ---------------------------------------------------------------------- key dates


async def on_milestones_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["milestones_done"] = True
    await go_on(manager)


# ---------------------------------------------------------------------- audience


async def on_audience_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["audience_done"] = True
    await go_on(manager)


# ---------------------------------------------------------------------- places


async def on_capacity(message: Message, manager: DialogManager, value: str) -> None:
    capacity = read_count(manager, value)
    if capacity is None:
        return
    manager.dialog_data["capacity"] = capacity
    manager.dialog_data["capacity_done"] = True
    await go_on(manager)


# ---------------------------------------------------------------------- the form


async def on_add_question(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    if len(manager.dialog_data.get("questions", [])) >= MAX_QUESTIONS:
        set_error(manager, _("That is the most questions one form can have."))
        return
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.question_text)


async def on_question_text(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["q_text"] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.question_options)


async def _add_question(manager: DialogManager, options: list[str]) -> None:
    data = manager.dialog_data
    data.setdefault("questions", []).append({"text": data.pop("q_text"), "options": options})
    data.pop("apply_by_done", None)  # a form needs its deadline
    data.pop(ERROR_KEY, None)
    await manager.switch_to(S.form)


async def on_question_options(message: Message, manager: DialogManager, value: str) -> None:
    options = list(dict.fromkeys(o.strip() for o in value.splitlines() if o.strip()))
    if not 2 <= len(options) <= MAX_OPTIONS or any(len(o) > 60 for o in options):
        set_error(
            manager,
            _("Please send 2 to 8 options, one per line, each at most 60 characters."),
        )
        return
    await _add_question(manager, options)


async def on_free_text(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await _add_question(manager, [])


async def on_remove_question(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    questions = manager.dialog_data.get("questions", [])
    if questions:
        questions.pop()
    if not questions:
        manager.dialog_data.pop("apply_by", None)


async def on_form_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["form_done"] = True
    if not manager.dialog_data.get("questions"):
        manager.dialog_data.pop("apply_by", None)
    await go_on(manager)


async def on_apply_by(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value, end_of_day=True)
    if moment is None:
        return
    if moment <= _now(manager):
        set_error(manager, problem_text(Problem.DEADLINE_PAST))
        return
    if moment > datetime.fromisoformat(manager.dialog_data["start"]):
        set_error(manager, problem_text(Problem.DEADLINE_AFTER_START))
        return
    manager.dialog_data["apply_by"] = moment.isoformat()
    manager.dialog_data["apply_by_done"] = True
    await go_on(manager)


# ---------------------------------------------------------------------- publishing

_PROBLEM_STEP = {
    Problem.START_PAST: ("start", S.start),
    Problem.END_BEFORE_START: ("end_done", S.end),
    Problem.DEADLINE_PAST: ("apply_by_done", S.apply_by),
    Problem.DEADLINE_AFTER_START: ("apply_by_done", S.apply_by),
    Problem.MILESTONE_PAST: ("milestones_done", S.milestones),
    Problem.NO_QUESTIONS: ("form_done", S.form),
}


async def on_publish(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    person = person_of(manager)
    details = details_from(manager, form_zone(manager))
    try:
        published = await services_of(manager).events.publish(person, details, _now(manager))
    except InvalidEvent as error:
        key, state = _PROBLEM_STEP[error.problem]
        await back_to_step(manager, key, state, problem_text(error.problem))
        return
    await callback.bot.send_message(  # type: ignore[union-attr]
        person.id,
        ngettext(
            "📣 Published. The announcement is going out to {count} person; /myevents shows "
            "how far it got.",
            "📣 Published. The announcement is going out to {count} people; /myevents shows "
            "how far it got.",
            published.queued,
        ).format(count=published.queued),
    )
    await back_to_menu(manager)
