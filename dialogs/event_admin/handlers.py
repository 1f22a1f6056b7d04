from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.events import Event, EventDetails, InvalidEvent, Milestone, Problem
from bot.ui.events import problem_text
from dialogs.common import ERROR_KEY, back_to_menu, now_of, person_of, services_of, set_error
from dialogs.event_admin.states import EditEvent as S
from dialogs.event_admin.states import MessageAll
from dialogs.event_inputs import read_count, read_link, read_moment

FIELDS = ("title", "description", "place", "link", "contact")


def _event_id(manager: DialogManager) -> int:
    return int(manager.start_data["event_id"])  # type: ignore[index]


async def _own(manager: DialogManager, action: str) -> Event:
    return await services_of(manager).events.own_event(
        person_of(manager), _event_id(manager), action
    )


async def on_edit_start(start_data: Any, manager: DialogManager) -> None:
    event = await _own(manager, "edit event")
    d = event.details
    manager.dialog_data.update(
        title=d.title,
        description=d.description,
        start=d.starts_at.isoformat(),
        end=d.ends_at.isoformat() if d.ends_at else None,
        tbc=d.dates_tbc,
        place=d.place,
        link=d.online_url,
        contact=d.contact,
        capacity=d.capacity,
        apply_by=d.apply_by.isoformat() if d.apply_by else None,
        has_form=bool(d.questions),
        timezone=d.timezone,
        milestones=[
            {"id": m.id, "title": m.title, "due": m.due_at.isoformat(), "link": m.link}
            for m in d.milestones
        ],
    )


def _back(manager: DialogManager) -> Any:
    manager.dialog_data.pop(ERROR_KEY, None)
    return manager.switch_to(S.menu)


def set_text(key: str) -> Any:
    async def on_value(message: Message, manager: DialogManager, value: str) -> None:
        manager.dialog_data[key] = value
        await _back(manager)

    return on_value


def clear(key: str) -> Any:
    async def on_clear(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        manager.dialog_data[key] = None
        await _back(manager)

    return on_clear


async def on_start(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value)
    if moment is None:
        return
    if moment <= now_of(manager):
        set_error(manager, problem_text(Problem.START_PAST))
        return
    manager.dialog_data["start"] = moment.isoformat()
    end = manager.dialog_data.get("end")
    if end and datetime.fromisoformat(end) <= moment:
        manager.dialog_data["end"] = None  # the old end no longer fits: asked again
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(S.end)
        return
    await _back(manager)


async def on_end(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value)
    if moment is None:
        return
    if moment <= datetime.fromisoformat(manager.dialog_data["start"]):
        set_error(manager, problem_text(Problem.END_BEFORE_START))
        return
    manager.dialog_data["end"] = moment.isoformat()
    await _back(manager)


async def on_toggle_tbc(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["tbc"] = not manager.dialog_data.get("tbc")


async def on_link(message: Message, manager: DialogManager, value: str) -> None:
    link = read_link(manager, value)
    if link is not None:
        manager.dialog_data["link"] = link
        await _back(manager)


async def on_capacity(message: Message, manager: DialogManager, value: str) -> None:
    capacity = read_count(manager, value)
    if capacity is not None:
        manager.dialog_data["capacity"] = capacity
        await _back(manager)


async def on_apply_by(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value, end_of_day=True)
    if moment is None:
        return
    if moment > datetime.fromisoformat(manager.dialog_data["start"]):
        set_error(manager, problem_text(Problem.DEADLINE_AFTER_START))
        return
    manager.dialog_data["apply_by"] = moment.isoformat()
    await _back(manager)


def details(manager: DialogManager, event: Event) -> EventDetails:
    data = manager.dialog_data

    def moment(key: str) -> datetime | None:
        return datetime.fromisoformat(data[key]) if data.get(key) else None

    return EventDetails(
        kind=event.details.kind,
        title=data["title"],
        description=data["description"],
        starts_at=moment("start"),  # type: ignore[arg-type]
        ends_at=moment("end"),
        dates_tbc=bool(data.get("tbc")),
        timezone=event.details.timezone,
        place=data.get("place"),
        online_url=data.get("link"),
        contact=data.get("contact"),
        capacity=data.get("capacity"),
        apply_by=moment("apply_by"),
        milestones=tuple(
            Milestone(m["title"], datetime.fromisoformat(m["due"]), m["link"], m.get("id", 0))
            for m in sorted(data.get("milestones", []), key=lambda m: m["due"])
        ),
    )


async def on_save(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    person = person_of(manager)
    event = await _own(manager, "edit event")
    try:
        edited = await services_of(manager).events.edit(
            person, event.id, details(manager, event), now_of(manager)
        )
    except InvalidEvent as error:
        set_error(manager, problem_text(error.problem))
        return
    if edited.before.details != edited.after.details:
        text = ngettext(
            "✅ Saved. {count} person who answered is told what changed.",
            "✅ Saved. {count} people who answered are told what changed.",
            edited.told,
        ).format(count=edited.told)
    else:
        text = _("Nothing was changed.")
    await callback.bot.send_message(person.id, text)  # type: ignore[union-attr]
    await back_to_menu(manager)


# ---------------------------------------------------------------------- message to all


async def on_message_text(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["text"] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(MessageAll.confirm)


async def on_send_message(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    person = person_of(manager)
    try:
        told = await services_of(manager).events.message_all(
            person, _event_id(manager), manager.dialog_data["text"], now_of(manager)
        )
    except InvalidEvent as error:
        await callback.bot.send_message(person.id, problem_text(error.problem))  # type: ignore[union-attr]
        await back_to_menu(manager)
        return
    await callback.bot.send_message(  # type: ignore[union-attr]
        person.id,
        ngettext(
            "📣 Your message is going out to {count} person.",
            "📣 Your message is going out to {count} people.",
            told,
        ).format(count=told),
    )
    await back_to_menu(manager)
