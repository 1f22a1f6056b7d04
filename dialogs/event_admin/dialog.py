"""Editing a published event (its people are told what changed) and a message from the
organizer to everyone who answered."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.common import ErrorLine, text_step, text_window
from dialogs.event_admin import handlers as h
from dialogs.event_admin.getters import edit_getter, message_getter
from dialogs.event_admin.states import EditEvent as S
from dialogs.event_admin.states import MessageAll
from dialogs.event_inputs import date_hint
from dialogs.key_dates import KeyDates, KeyDateStates
from dialogs.widgets import Html, T

KEY_DATES = KeyDates(
    KeyDateStates(S.milestones, S.milestone_title, S.milestone_date, S.milestone_link)
)


def _back() -> SwitchTo:
    return SwitchTo(T("« Back"), id="back", state=S.menu)


def _step(state, prompt, widget, rule, on_value, *extra, multiline=False) -> Window:  # type: ignore[no-untyped-def]
    return text_window(state, prompt, widget, rule, on_value, *extra, _back(), multiline=multiline)


def edit_event_dialog() -> Dialog:
    return Dialog(
        Window(
            ErrorLine(),
            Html("{summary}"),
            Row(
                SwitchTo(T("✏️ Title"), id="e_title", state=S.title),
                SwitchTo(T("✏️ Description"), id="e_desc", state=S.description),
            ),
            Row(
                SwitchTo(T("✏️ Start"), id="e_start", state=S.start),
                SwitchTo(T("✏️ End"), id="e_end", state=S.end),
            ),
            Button(Format("{tbc_button}"), id="e_tbc", on_click=h.on_toggle_tbc),
            Row(
                SwitchTo(T("✏️ Place"), id="e_place", state=S.place),
                SwitchTo(T("✏️ Link"), id="e_link", state=S.link),
            ),
            Row(
                SwitchTo(T("✏️ Contact"), id="e_contact", state=S.contact),
                SwitchTo(T("✏️ Places"), id="e_cap", state=S.capacity),
            ),
            SwitchTo(T("✏️ Key dates"), id="e_ms", state=S.milestones),
            SwitchTo(T("✏️ Application deadline"), id="e_apply", state=S.apply_by, when="has_form"),
            Row(Button(T("💾 Save"), id="save", on_click=h.on_save), Cancel(T("✖ Cancel"))),
            state=S.menu,
        ),
        _step(S.title, T("The new title:"), "title", text_input.EVENT_TITLE, h.set_text("title")),
        _step(
            S.description,
            T("The new description:"),
            "description",
            text_input.EVENT_DESCRIPTION,
            h.set_text("description"),
            multiline=True,
        ),
        _step(
            S.start,
            (T("When does it start?"), date_hint()),
            "start",
            text_input.MOMENT,
            h.on_start,
        ),
        _step(
            S.end,
            (T("When does it end?"), date_hint()),
            "end",
            text_input.MOMENT,
            h.on_end,
            Button(T("No end time"), id="no_end", on_click=h.clear("end")),
        ),
        _step(
            S.place,
            T("The new place (address or city):"),
            "place",
            text_input.PLACE,
            h.set_text("place"),
            Button(T("No place (online only)"), id="no_place", on_click=h.clear("place")),
        ),
        _step(
            S.link,
            T("The new online link (https://…):"),
            "link",
            text_input.LINK,
            h.on_link,
            Button(T("No online link"), id="no_link", on_click=h.clear("link")),
        ),
        _step(
            S.contact,
            T("The new contact:"),
            "contact",
            text_input.CONTACT,
            h.set_text("contact"),
            Button(T("No contact"), id="no_contact", on_click=h.clear("contact")),
        ),
        _step(
            S.capacity,
            T("How many places are there?"),
            "capacity",
            text_input.MOMENT,
            h.on_capacity,
            Button(T("No limit"), id="no_cap", on_click=h.clear("capacity")),
        ),
        _step(
            S.apply_by,
            (T("Until when are applications accepted?"), date_hint()),
            "apply_by",
            text_input.MOMENT,
            h.on_apply_by,
        ),
        *KEY_DATES.windows([_back()], steps_back=True),
        getter=edit_getter,
        on_start=h.on_edit_start,
    )


def message_all_dialog() -> Dialog:
    return Dialog(
        Window(
            ErrorLine(),
            T("📣 Write the message for everyone who answered this event."),
            *text_step("text", text_input.MESSAGE, h.on_message_text, single_line=False),
            Cancel(T("✖ Cancel")),
            state=MessageAll.text,
        ),
        Window(
            T("Send this to everyone who answered?\n\n{text}"),
            Row(
                Button(T("📣 Send"), id="send", on_click=h.on_send_message),
                SwitchTo(T("✏️ Change"), id="change", state=MessageAll.text),
            ),
            Cancel(T("✖ Cancel")),
            getter=message_getter,
            state=MessageAll.confirm,
        ),
    )
