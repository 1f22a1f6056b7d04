"""The key-dates editor of both event forms (new and edit): a list kept in
`dialog_data["milestones"]` (dicts of title, due as ISO UTC, link, and the id of a key date
already stored), with add (title, date, optional link) and remove-the-last."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, SwitchTo

from bot.domain.events import Problem
from bot.formatting import format_datetime
from bot.services import text_input
from bot.ui.events import problem_text, zone_name
from dialogs.common import ERROR_KEY, ErrorLine, now_of, person_of, set_error, text_step
from dialogs.event_inputs import (
    date_hint,
    end_of_day_hint,
    form_zone,
    read_link,
    read_moment,
)
from dialogs.widgets import Html, T

MAX_KEY_DATES = 10


@dataclass(frozen=True)
class KeyDateStates:
    listing: State
    title: State
    date: State
    link: State


def key_dates_data(manager: DialogManager) -> dict[str, Any]:
    """What the key-date windows show; merge into the dialog's getter."""
    data = manager.dialog_data
    person = person_of(manager)
    zone = form_zone(manager)
    lines = [
        f"• {format_datetime(datetime.fromisoformat(m['due']), person.locale, zone)}: {m['title']}"
        for m in sorted(data.get("milestones", []), key=lambda m: m["due"])
    ]
    return {
        "milestones": "\n".join(lines) or _("No key dates yet."),
        "has_milestones": bool(lines),
        "ms_title": data.get("ms_title", ""),
        "zone": zone_name(zone, person.locale),
    }


class KeyDates:
    def __init__(self, states: KeyDateStates) -> None:
        self.states = states

    async def on_add(self, callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        if len(manager.dialog_data.get("milestones", [])) >= MAX_KEY_DATES:
            set_error(manager, _("That is the most key dates one event can have."))
            return
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(self.states.title)

    async def on_title(self, message: Message, manager: DialogManager, value: str) -> None:
        manager.dialog_data["ms_title"] = value
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(self.states.date)

    async def on_date(self, message: Message, manager: DialogManager, value: str) -> None:
        moment = read_moment(manager, value, end_of_day=True)
        if moment is None:
            return
        if moment <= now_of(manager):
            set_error(manager, problem_text(Problem.MILESTONE_PAST))
            return
        manager.dialog_data["ms_due"] = moment.isoformat()
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(self.states.link)

    async def _add(self, manager: DialogManager, link: str | None) -> None:
        data = manager.dialog_data
        # kept in the order added («Remove the last» takes the newest); shown by date
        data.setdefault("milestones", []).append(
            {"title": data.pop("ms_title"), "due": data.pop("ms_due"), "link": link}
        )
        data.pop(ERROR_KEY, None)
        await manager.switch_to(self.states.listing)

    async def on_link(self, message: Message, manager: DialogManager, value: str) -> None:
        link = read_link(manager, value)
        if link is not None:
            await self._add(manager, link)

    async def on_no_link(self, callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        await self._add(manager, None)

    async def on_remove(self, callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        milestones = manager.dialog_data.get("milestones", [])
        if milestones:
            milestones.pop()

    def windows(self, footer: Sequence[Any], *, steps_back: bool = False) -> list[Window]:
        """The list (with `footer` under it) and the three steps of adding a key date, whose
        last button cancels the whole form, or with `steps_back` returns to the list."""

        def cancel() -> Any:
            if steps_back:
                return SwitchTo(T("« Back"), id="ms_back", state=self.states.listing)
            return Cancel(T("✖ Cancel"))

        return [
            Window(
                ErrorLine(),
                T(
                    "<b>Key dates</b>: steps such as an application deadline or a selection "
                    "period, each with an optional link. Members are reminded the day before."
                ),
                Html("\n{milestones}"),
                Button(T("➕ Add a key date"), id="add_ms", on_click=self.on_add),
                Button(
                    T("🗑 Remove the last"),
                    id="del_ms",
                    on_click=self.on_remove,
                    when="has_milestones",
                ),
                *footer,
                state=self.states.listing,
            ),
            Window(
                ErrorLine(),
                T("What is this step called? E.g. «Application deadline»."),
                *text_step("ms_title", text_input.MILESTONE_TITLE, self.on_title),
                cancel(),
                state=self.states.title,
            ),
            Window(
                ErrorLine(),
                T("When is «{ms_title}»?"),
                date_hint(),
                end_of_day_hint(),
                *text_step("ms_date", text_input.MOMENT, self.on_date),
                cancel(),
                state=self.states.date,
            ),
            Window(
                ErrorLine(),
                T("A link for this step (https://…), if there is one."),
                *text_step("ms_link", text_input.LINK, self.on_link),
                Row(Button(T("No link »"), id="ms_no_link", on_click=self.on_no_link), cancel()),
                state=self.states.link,
            ),
        ]
