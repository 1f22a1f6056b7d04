"""/expert: offering one's expertise (themes, countries, languages, bio), its review status,
and pausing or resuming consultation requests."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import (
    Button,
    Cancel,
    Group,
    Row,
    SwitchTo,
)
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.checked import CheckedMultiselect
from dialogs.common import ErrorLine, choice_hint, text_step
from dialogs.expert import getters as g
from dialogs.expert import handlers as h
from dialogs.expert.states import ExpertForm as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def _choices(widget: str, items: str, width: int) -> tuple[Group, MessageInput]:
    return (
        Group(
            CheckedMultiselect(
                Format("✅ {item[1]}"),
                Format("{item[1]}"),
                id=widget,
                item_id_getter=_ID,
                items=items,
                on_state_changed=h.on_toggled,
            ),
            width=width,
        ),
        choice_hint(),
    )


def expert_dialog() -> Dialog:
    cancel = Cancel(T("✖ Cancel"))
    return Dialog(
        Window(
            Html("{status}"),
            Html("\n{card}"),
            Button(T("⏸ Pause requests"), id="pause", on_click=h.on_pause, when="available"),
            Button(T("▶️ Resume requests"), id="resume", on_click=h.on_pause, when="paused"),
            SwitchTo(T("✏️ Edit the profile"), id="edit", state=S.themes),
            Cancel(T("« Back")),
            getter=g.status_getter,
            state=S.status,
        ),
        Window(
            ErrorLine(),
            T("🧑‍🏫 On which themes can you advise? Tap all that apply, then «Done»."),
            *_choices("themes", "themes", 1),
            Row(
                Button(
                    T("Done »"), id="themes_done", on_click=h.require_choice("themes", S.countries)
                ),
                cancel,
            ),
            getter=g.choices_getter,
            state=S.themes,
        ),
        Window(
            ErrorLine(),
            T("Which countries do you know well?"),
            *_choices("countries", "countries", 2),
            Row(
                Button(
                    T("Done »"),
                    id="countries_done",
                    on_click=h.require_choice("countries", S.languages),
                ),
                cancel,
            ),
            getter=g.choices_getter,
            state=S.countries,
        ),
        Window(
            ErrorLine(),
            T("In which languages can you consult?"),
            *_choices("languages", "languages", 2),
            Row(
                Button(
                    T("Done »"), id="languages_done", on_click=h.require_choice("languages", S.bio)
                ),
                cancel,
            ),
            getter=g.choices_getter,
            state=S.languages,
        ),
        Window(
            ErrorLine(),
            T("A short bio: your experience and what you can help with."),
            *text_step("bio", text_input.BIO, h.on_bio, single_line=False),
            cancel,
            state=S.bio,
        ),
        Window(
            ErrorLine(),
            Html("{summary}"),
            choice_hint(),
            Row(
                SwitchTo(T("✏️ Themes"), id="e_themes", state=S.themes),
                SwitchTo(T("✏️ Countries"), id="e_countries", state=S.countries),
            ),
            Row(
                SwitchTo(T("✏️ Languages"), id="e_languages", state=S.languages),
                SwitchTo(T("✏️ Bio"), id="e_bio", state=S.bio),
            ),
            Row(Button(T("📨 Submit"), id="submit", on_click=h.on_submit), cancel),
            getter=g.summary_getter,
            state=S.summary,
        ),
        on_start=h.on_start,
    )
