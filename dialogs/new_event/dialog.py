"""/newevent: an organizer describes an event step by step (kind, title, description, dates,
place or online link, contact, key dates, audience, places, application form), sees the
announcement exactly as members will, and publishes it."""

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

from bot.services import text_input
from dialogs.audience import AudiencePicker, AudienceStates
from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, edit_from, text_window
from dialogs.event_inputs import date_hint, end_of_day_hint
from dialogs.key_dates import KeyDates, KeyDateStates
from dialogs.new_event import handlers as h
from dialogs.new_event.getters import form_getter, preview_getter
from dialogs.new_event.states import NewEvent as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


AUDIENCE = AudiencePicker(
    AudienceStates(
        S.audience, S.audience_themes, S.audience_countries, S.audience_kinds, S.audience_roles
    ),
    h.on_audience_done,
)
KEY_DATES = KeyDates(
    KeyDateStates(S.milestones, S.milestone_title, S.milestone_date, S.milestone_link)
)


def _cancel() -> Cancel:
    return Cancel(T("✖ Cancel"))


def _skip(widget_id: str, on_click) -> Row:  # type: ignore[no-untyped-def]
    return Row(Button(T("Skip »"), id=widget_id, on_click=on_click), _cancel())


def _text_window(state, prompt, widget: str, rule, on_value, *extra, multiline=False) -> Window:  # type: ignore[no-untyped-def]
    return text_window(
        state, prompt, widget, rule, on_value, *(extra or (_cancel(),)), multiline=multiline
    )


def new_event_dialog() -> Dialog:
    return Dialog(
        Window(
            ErrorLine(),
            T("📅 <b>New event</b>\nWhat kind of event is it?"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="kind",
                    item_id_getter=_ID,
                    items="kinds",
                    on_click=h.on_kind,
                )
            ),
            _cancel(),
            state=S.kind,
        ),
        _text_window(
            S.title,
            T("What is its title?"),
            "title",
            text_input.EVENT_TITLE,
            h.text_answer("title"),
        ),
        _text_window(
            S.description,
            T("Describe it: what it is about, for whom, what participants get."),
            "description",
            text_input.EVENT_DESCRIPTION,
            h.text_answer("description"),
            multiline=True,
        ),
        _text_window(
            S.start,
            (T("When does it start?"), date_hint()),
            "start",
            text_input.MOMENT,
            h.on_start,
            SwitchTo(T("🌐 Another time zone"), id="zone", state=S.zone),
            _cancel(),
        ),
        Window(
            T("In which time zone are the event's times? People see in-person events in it."),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="zones",
                    item_id_getter=_ID,
                    items="zones",
                    on_click=h.on_zone,
                )
            ),
            SwitchTo(T("« Back"), id="zone_back", state=S.start),
            state=S.zone,
        ),
        _text_window(
            S.end,
            (T("When does it end?"), date_hint()),
            "end",
            text_input.MOMENT,
            h.on_end,
            _skip("skip_end", h.skip("end")),
        ),
        Window(
            T("Are these dates confirmed?"),
            Row(
                Button(T("✅ Confirmed"), id="confirmed", on_click=h.on_confirmed),
                Button(T("❔ To be confirmed"), id="tbc", on_click=h.on_confirmed),
            ),
            _cancel(),
            state=S.confirmed,
        ),
        _text_window(
            S.place,
            T("Where does it take place? Send the address or city, or skip if it is online only."),
            "place",
            text_input.PLACE,
            h.text_answer("place"),
            _skip("skip_place", h.skip("place")),
        ),
        _text_window(
            S.link,
            T("The online link (https://…), if there is one."),
            "link",
            text_input.LINK,
            h.on_link,
            _skip("skip_link", h.skip("link")),
        ),
        _text_window(
            S.contact,
            T("A contact for questions (e-mail, phone or name), if you wish."),
            "contact",
            text_input.CONTACT,
            h.text_answer("contact"),
            _skip("skip_contact", h.skip("contact")),
        ),
        *KEY_DATES.windows(
            [Row(Button(T("Done »"), id="ms_done", on_click=h.on_milestones_done), _cancel())]
        ),
        *AUDIENCE.windows([_cancel()]),
        _text_window(
            S.capacity,
            T("How many places are there? Send a number, or tap «No limit»."),
            "capacity",
            text_input.MOMENT,
            h.on_capacity,
            Row(Button(T("No limit »"), id="no_capacity", on_click=h.skip("capacity")), _cancel()),
        ),
        Window(
            ErrorLine(),
            T(
                "<b>Application form</b>: questions people answer to apply (free text or a "
                "choice). Without questions, people simply answer Going, Maybe or Not going."
            ),
            Html("\n{questions}"),
            Button(T("➕ Add a question"), id="add_q", on_click=h.on_add_question),
            Button(
                T("🗑 Remove the last"),
                id="del_q",
                on_click=h.on_remove_question,
                when="has_questions",
            ),
            Row(Button(T("Done »"), id="form_done", on_click=h.on_form_done), _cancel()),
            state=S.form,
        ),
        _text_window(
            S.question_text,
            T("Write the question."),
            "q_text",
            text_input.QUESTION,
            h.on_question_text,
        ),
        _text_window(
            S.question_options,
            T(
                "«{q_text}»\n\nFor a choice, send the options, one per line. For a written "
                "answer, tap «Free text»."
            ),
            "q_options",
            text_input.OPTIONS,
            h.on_question_options,
            Row(Button(T("Free text »"), id="free_text", on_click=h.on_free_text), _cancel()),
            multiline=True,
        ),
        _text_window(
            S.apply_by,
            (T("Until when are applications accepted?"), date_hint(), end_of_day_hint()),
            "apply_by",
            text_input.MOMENT,
            h.on_apply_by,
        ),
        Window(
            ErrorLine(),
            Html("{preview}"),
            Button(T("📣 Publish"), id="publish", on_click=h.on_publish),
            Row(
                Button(T("✏️ Title"), id="e_title", on_click=edit_from(S.title, "title")),
                Button(
                    T("✏️ Description"),
                    id="e_desc",
                    on_click=edit_from(S.description, "description"),
                ),
            ),
            Row(
                Button(
                    T("✏️ Dates"),
                    id="e_dates",
                    on_click=edit_from(S.start, "start", "end_done", "end", "confirmed_done"),
                ),
                Button(
                    T("✏️ Place and link"),
                    id="e_place",
                    on_click=edit_from(S.place, "place_done", "link_done"),
                ),
            ),
            Row(
                Button(
                    T("✏️ Key dates"), id="e_ms", on_click=edit_from(S.milestones, "milestones_done")
                ),
                Button(
                    T("✏️ Audience"), id="e_aud", on_click=edit_from(S.audience, "audience_done")
                ),
            ),
            Row(
                Button(T("✏️ Places"), id="e_cap", on_click=edit_from(S.capacity, "capacity_done")),
                Button(
                    T("✏️ Form"),
                    id="e_form",
                    on_click=edit_from(S.form, "form_done", "apply_by_done"),
                ),
            ),
            _cancel(),
            getter=preview_getter,
            state=S.preview,
        ),
        getter=form_getter,
    )
