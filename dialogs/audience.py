"""Choosing who receives something (an event's announcement, a poll): themes, countries,
organization types, roles, and for a poll named organizations found by a part of their
name. Dimensions narrow each other (a person must match every one chosen); the values of a
dimension widen it (any of them). Nothing chosen: everyone who uses the bot."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Group, Row, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.catalog import KINDS as ORG_KINDS
from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.domain.organizations import DirectoryFilter
from bot.i18n import N_
from bot.services import text_input
from bot.ui.countries import country_label
from bot.ui.html import shorten
from bot.ui.organizations import kind_name as org_kind_name
from bot.ui.themes import theme_name
from dialogs.checked import CheckedMultiselect
from dialogs.common import ERROR_KEY, ErrorLine, services_of, text_step
from dialogs.widgets import Html, T

WIDGETS = {
    "theme": "aud_themes",
    "country": "aud_countries",
    "kind": "aud_kinds",
    "role": "aud_roles",
    "org": "aud_orgs",
}
ROLES: dict[str, str] = {
    "member": N_("Members of registered organizations"),
    "coordinator": N_("Coordinators of organizations"),
    "expert": N_("Experts"),
    "organizer": N_("Organizers"),
}
FOUND_AT_MOST = 8
QUERY_KEY = "aud_org_query"


@dataclass(frozen=True)
class AudienceStates:
    main: State
    themes: State
    countries: State
    kinds: State
    roles: State
    orgs: State | None = None  # named organizations (polls)


def audience_from(manager: DialogManager) -> dict[str, tuple[str, ...]]:
    """What is chosen, dimension by dimension (those with nothing chosen left out)."""
    audience = {}
    for dimension, widget in WIDGETS.items():
        found = manager.find(widget)
        checked = found.get_checked() if found is not None else ()  # type: ignore[attr-defined]
        if checked:
            audience[dimension] = tuple(sorted(checked))
    return audience


def audience_text(audience: dict[str, tuple[str, ...]], org_names: dict[str, str]) -> str:
    if not audience:
        return _("Everyone who uses the bot")
    names: dict[str, Callable[[str], str]] = {
        "theme": theme_name,
        "country": country_label,
        "kind": org_kind_name,
        "role": lambda r: _(ROLES[r]),
        "org": lambda o: org_names.get(o, f"#{o}"),
    }
    labels = {
        "theme": _("Themes: {values}"),
        "country": _("Countries: {values}"),
        "kind": _("Organization types: {values}"),
        "role": _("Roles: {values}"),
        "org": _("Organizations: {values}"),
    }
    return "\n".join(
        labels[dim].format(values="; ".join(names[dim](v) for v in values))
        for dim, values in audience.items()
    )


async def org_names(manager: DialogManager) -> dict[str, str]:
    """The names of the organizations chosen (those still approved)."""
    found = manager.find(WIDGETS["org"])
    if found is None:
        return {}
    names = {}
    for org_id in found.get_checked():  # type: ignore[attr-defined]
        org = await services_of(manager).organizations.listed(int(org_id))
        if org is not None:
            names[str(org.id)] = org.name
    return names


async def audience_data(manager: DialogManager) -> dict[str, Any]:
    """What the audience windows show; merge into the dialog's getter."""
    chosen = await org_names(manager)
    query = manager.dialog_data.get(QUERY_KEY)
    found: list[tuple[str, str]] = []
    if query:
        orgs, _total = await services_of(manager).organizations.search(
            DirectoryFilter(name=query), offset=0, limit=FOUND_AT_MOST
        )
        found = [(str(o.id), shorten(o.name, 50)) for o in orgs if str(o.id) not in chosen]
    return {
        "themes": [(t, theme_name(t)) for t in THEMES],
        "countries": [(c, country_label(c)) for c in (*CENTRAL_ASIA, OTHER)],
        "org_kinds": [(k, org_kind_name(k)) for k in ORG_KINDS],
        "roles": [(r, _(name)) for r, name in ROLES.items()],
        "orgs": [*[(i, shorten(n, 50)) for i, n in chosen.items()], *found],
        "org_query": query or "",
        "nothing_found": bool(query) and not found,
        "audience": audience_text(audience_from(manager), chosen),
    }


def _item_id(item: tuple[str, str]) -> str:
    return item[0]


class AudiencePicker:
    def __init__(
        self,
        states: AudienceStates,
        on_done: Callable[[CallbackQuery, Button, DialogManager], Awaitable[None]],
    ) -> None:
        self.states = states
        self.on_done = on_done

    async def on_everyone(
        self, callback: CallbackQuery, _b: Button, manager: DialogManager
    ) -> None:
        for widget in WIDGETS.values():
            found = manager.find(widget)
            if found is not None:
                await found.reset_checked()  # type: ignore[attr-defined]
        manager.dialog_data.pop(QUERY_KEY, None)

    async def on_org_query(self, message: Message, manager: DialogManager, value: str) -> None:
        manager.dialog_data[QUERY_KEY] = value.casefold()
        manager.dialog_data.pop(ERROR_KEY, None)

    def _choice(self, state: State, prompt: T, widget: str, items: str) -> Window:
        return Window(
            prompt,
            Group(
                CheckedMultiselect(
                    Format("✅ {item[1]}"),
                    Format("{item[1]}"),
                    id=widget,
                    item_id_getter=_item_id,
                    items=items,
                ),
                width=1,
            ),
            SwitchTo(T("« Back"), id=f"{widget}_back", state=self.states.main),
            state=state,
        )

    def windows(self, footer: Sequence[Any]) -> list[Window]:
        """The audience's summary (with `footer` under it) and a window per dimension."""
        s = self.states
        dimensions: list[Any] = [
            Row(
                SwitchTo(T("🏷 Themes"), id="aud_t", state=s.themes),
                SwitchTo(T("📍 Countries"), id="aud_c", state=s.countries),
            ),
            Row(
                SwitchTo(T("🏢 Types"), id="aud_k", state=s.kinds),
                SwitchTo(T("👤 Roles"), id="aud_r", state=s.roles),
            ),
        ]
        if s.orgs is not None:
            dimensions.append(SwitchTo(T("🏛 Organizations"), id="aud_o", state=s.orgs))
        windows = [
            Window(
                ErrorLine(),
                T("<b>Who should receive it?</b> Narrow it down, or leave it for everyone."),
                Html("\n{audience}\n"),
                *dimensions,
                Button(T("Everyone"), id="aud_all", on_click=self.on_everyone),
                Row(Button(T("Done »"), id="aud_done", on_click=self.on_done), *footer),
                state=s.main,
            ),
            self._choice(
                s.themes, T("People working on any of these themes:"), WIDGETS["theme"], "themes"
            ),
            self._choice(
                s.countries,
                T("People in any of these countries:"),
                WIDGETS["country"],
                "countries",
            ),
            self._choice(
                s.kinds, T("Members of organizations of these types:"), WIDGETS["kind"], "org_kinds"
            ),
            self._choice(s.roles, T("People with these roles:"), WIDGETS["role"], "roles"),
        ]
        if s.orgs is not None:
            windows.append(
                Window(
                    ErrorLine(),
                    T(
                        "Members of these organizations. Send a part of an organization's name "
                        "to find it, then tap it to add it."
                    ),
                    T("Nothing found for «{org_query}».", when="nothing_found"),
                    Group(
                        CheckedMultiselect(
                            Format("✅ {item[1]}"),
                            Format("{item[1]}"),
                            id=WIDGETS["org"],
                            item_id_getter=_item_id,
                            items="orgs",
                        ),
                        width=1,
                    ),
                    *text_step("aud_org_find", text_input.SEARCH, self.on_org_query),
                    SwitchTo(T("« Back"), id="aud_orgs_back", state=s.main),
                    state=s.orgs,
                )
            )
        return windows
