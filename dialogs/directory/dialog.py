"""/orgs: the directory of approved organizations, searchable by theme, country and type,
paged; a card can lead to a partnership proposal, with a short note if the proposer likes."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import (
    Button,
    Cancel,
    Column,
    Row,
    SwitchTo,
)
from aiogram_dialog.widgets.text import Format

from bot.services.partnerships import NOTE
from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, text_step
from dialogs.directory import getters as g
from dialogs.directory import handlers as h
from dialogs.directory.states import Directory as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def _picker(state: object, prompt: T, items: str, key: str) -> Window:
    return Window(
        prompt,
        Column(
            CheckedSelect(
                Format("{item[1]}"),
                id=f"pick_{key}",
                item_id_getter=_ID,
                items=items,
                on_click=h.pick(key),
            )
        ),
        SwitchTo(T("« Back"), id=f"back_{key}", state=S.filters),
        getter=g.choices_getter,
        state=state,  # type: ignore[arg-type]
    )


def directory_dialog() -> Dialog:
    return Dialog(
        Window(
            T("🔎 <b>Find organizations</b>"),
            Html("{theme_line}\n{country_line}\n{kind_line}"),
            Row(
                SwitchTo(T("🏷 Theme"), id="f_theme", state=S.theme),
                SwitchTo(T("📍 Country"), id="f_country", state=S.country),
                SwitchTo(T("🏢 Type"), id="f_kind", state=S.kind),
            ),
            Button(Format("{show_button}"), id="show", on_click=h.on_show),
            Button(T("Clear the filters"), id="reset", on_click=h.on_reset, when="filtered"),
            Cancel(T("« Back")),
            getter=g.filters_getter,
            state=S.filters,
        ),
        _picker(S.theme, T("Which theme?"), "themes", "theme"),
        _picker(S.country, T("Which country?"), "countries", "country"),
        _picker(S.kind, T("Which type of organization?"), "kinds", "kind"),
        Window(
            Html("{found}"),
            Html("{page_line}", when="several_pages"),
            T("Try fewer filters.", when="none"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="org",
                    item_id_getter=_ID,
                    items="orgs",
                    on_click=h.on_org,
                )
            ),
            Row(
                Button(T("‹ Previous"), id="prev", on_click=h.on_prev, when="has_prev"),
                Button(T("Next ›"), id="next", on_click=h.on_next, when="has_next"),
            ),
            SwitchTo(T("« Filters"), id="to_filters", state=S.filters),
            getter=g.results_getter,
            state=S.results,
        ),
        Window(
            Html("{notice}", when="notice"),
            Html("{card}"),
            Html("\n{why_not}", when="why_not"),
            Button(
                T("🤝 Propose partnership"),
                id="propose",
                on_click=h.on_propose,
                when="can_propose",
            ),
            SwitchTo(T("« Back"), id="to_results", state=S.results),
            getter=g.card_getter,
            state=S.card,
        ),
        Window(
            T("On behalf of which of your organizations?"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="own",
                    item_id_getter=_ID,
                    items="own",
                    on_click=h.on_propose_from,
                )
            ),
            SwitchTo(T("« Back"), id="to_card", state=S.card),
            getter=g.own_orgs_getter,
            state=S.propose_from,
        ),
        Window(
            ErrorLine(),
            T(
                "🤝 A partnership proposal to «{target}» from «{own}».\n\nYou may add a short "
                "note for their coordinator (at most {limit} characters): send it as a "
                "message. Or send the proposal without one."
            ),
            *text_step("note", NOTE, h.on_note, single_line=False),
            Button(T("📨 Send without a note"), id="send_plain", on_click=h.on_send_plain),
            SwitchTo(T("« Back"), id="note_to_card", state=S.card),
            getter=g.note_getter,
            state=S.note,
        ),
        on_start=h.on_start,
    )
