"""/newrecs: an organizer names a set of recommendations (title, the dialogue it came from
and its date), pastes the letter (in parts when it is longer than a message) or sends it
as a .txt, .csv or .docx file, or types the recommendations one by one; reviews them
numbered with their addressees (edit, addressees, split, merge, delete, add); sets the
deadline, who in each organization receives it and the reminders; sees the invitation
exactly as the addressees will, with how many organizations and people it reaches; and
sends it."""

from __future__ import annotations

import operator

from aiogram.enums import ContentType
from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Group, Row
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.checked import CheckedMultiselect, CheckedSelect
from dialogs.common import ErrorLine, choice_hint, edit_from, text_step, text_window
from dialogs.new_recs import handlers as h
from dialogs.new_recs.getters import form_getter, preview_getter, review_getter
from dialogs.new_recs.states import NewRecs as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def _cancel() -> Cancel:
    return Cancel(T("✖ Cancel"))


def _back() -> Button:
    return Button(T("« Back"), id="to_review", on_click=h.on_back_to_review)


def _content_inputs() -> tuple[MessageInput, MessageInput, MessageInput]:
    """A pasted text or a file adds to the recommendations; anything else gets a hint."""
    return (
        MessageInput(h.on_paste, content_types=[ContentType.TEXT]),
        MessageInput(h.on_file, content_types=[ContentType.DOCUMENT]),
        MessageInput(h.on_not_content),
    )


def _review_page() -> tuple[Html, Html, Html]:
    return (
        Html("{head}\n"),
        Html("{page_text}\n"),
        Html("{page_line}\n", when="page_line"),
    )


def new_recs_dialog() -> Dialog:
    return Dialog(
        text_window(
            S.title,
            T(
                "📋 <b>New recommendations</b>\nWhat is the set's title? For example, "
                "«Recommendations of the dialogue on regional development»."
            ),
            "title",
            h.TITLE,
            h.on_title,
            _cancel(),
        ),
        text_window(
            S.source,
            (
                T("«{title}»\n\nFrom which dialogue or event do the recommendations come?"),
                T("Write it, or tap one of your events:", when="events"),
            ),
            "source",
            h.SOURCE,
            h.on_source,
            Group(
                CheckedSelect(
                    Format("📅 {item[1]}"),
                    id="source_event",
                    item_id_getter=operator.itemgetter(0),
                    items="events",
                    on_click=h.on_source_event,
                ),
                width=1,
            ),
            Row(Button(T("Skip »"), id="no_source", on_click=h.on_no_source), _cancel()),
        ),
        text_window(
            S.held_on,
            T("When was it held? Write the date as DD.MM.YYYY, e.g. 01.03.2023."),
            "held_on",
            h.HELD_ON,
            h.on_held_on,
            Row(Button(T("Skip »"), id="no_held_on", on_click=h.on_no_held_on), _cancel()),
        ),
        Window(
            ErrorLine(),
            T(
                "Paste the recommendations as text (the letter as it is), or send a .txt, "
                ".csv or .docx file, or tap «➕ Enter one by one».\n\nA letter longer than "
                "one message (4096 characters): paste it in parts, one after another; each "
                "part is added to what was imported. You check everything in the next step."
            ),
            *_content_inputs(),
            Button(T("➕ Enter one by one"), id="one_by_one", on_click=h.on_one_by_one),
            _cancel(),
            state=S.content,
        ),
        Window(
            ErrorLine(),
            Html("{notice}\n", when="notice"),
            *_review_page(),
            T(
                "Check each recommendation and its addressees; to add the rest of a long "
                "letter, paste it or send a file here.",
            ),
            Row(
                Button(T("✏️ Edit text"), id="edit", on_click=h.on_edit, when="has_recs"),
                Button(T("👥 Addressees"), id="groups", on_click=h.on_edit, when="has_recs"),
            ),
            Row(
                Button(T("✂️ Split"), id="split", on_click=h.on_edit, when="has_recs"),
                Button(
                    T("🔀 Merge with the next"), id="merge", on_click=h.on_edit, when="has_recs"
                ),
            ),
            Row(
                Button(T("🗑 Delete"), id="delete", on_click=h.on_edit, when="has_recs"),
                Button(T("➕ Add"), id="add", on_click=h.on_add),
            ),
            Row(
                Button(Format("«"), id="prev_page", on_click=h.on_page, when="has_prev"),
                Button(Format("»"), id="next_page", on_click=h.on_page, when="has_next"),
            ),
            Row(Button(T("Done »"), id="review_done", on_click=h.on_review_done), _cancel()),
            *_content_inputs(),
            getter=review_getter,
            state=S.review,
        ),
        Window(
            ErrorLine(),
            *_review_page(),
            T("{action}: which number? Send it, from 1 to {count}."),
            *text_step("pick", h.NUMBER, h.on_pick),
            _back(),
            getter=review_getter,
            state=S.pick,
        ),
        text_window(
            S.edit_text,
            T("Recommendation {number} now:\n<i>{current}</i>\n\nSend its new text."),
            "edit_text",
            h.REC_TEXT,
            h.on_new_text,
            _back(),
            multiline=True,
        ),
        text_window(
            S.split,
            T(
                "Recommendation {number}:\n<i>{current}</i>\n\nSend its parts, one per line "
                "or separated by blank lines: each becomes a recommendation with the same "
                "addressees, in its place."
            ),
            "split",
            h.SPLIT_TEXT,
            h.on_split,
            _back(),
            multiline=True,
        ),
        Window(
            ErrorLine(),
            T(
                "Whom does recommendation {number} address?\n<i>{current}</i>",
                when="editing",
            ),
            T("Whom does the new recommendation address?\n<i>{new_text}</i>", when="adding"),
            T("Tick the groups, then tap «Done»."),
            Group(
                CheckedMultiselect(
                    Format("✅ {item[1]}"),
                    Format("{item[1]}"),
                    id=h.GROUPS_WIDGET,
                    item_id_getter=_ID,
                    items="group_items",
                ),
                width=2,
            ),
            Row(Button(T("Done"), id="groups_done", on_click=h.on_groups_done), _back()),
            choice_hint(),
            state=S.groups,
        ),
        text_window(
            S.add_text,
            T("Send the new recommendation's text. It is added at the end."),
            "add_text",
            h.REC_TEXT,
            h.on_add_text,
            _back(),
            multiline=True,
        ),
        text_window(
            S.deadline,
            T(
                "<b>Answers until when?</b> Write the date as DD.MM.YYYY, or with a time as "
                "DD.MM.YYYY HH:MM, in your time zone ({zone}); without a time it means the "
                "end of that day. At least a day from now."
            ),
            "deadline",
            text_input.MOMENT,
            h.on_deadline,
            Row(Button(T("No deadline"), id="no_deadline", on_click=h.on_no_deadline), _cancel()),
        ),
        Window(
            ErrorLine(),
            T("<b>Who receives it in each organization addressed?</b>"),
            Row(
                Button(T("Coordinators only"), id="coordinators", on_click=h.on_members),
                Button(T("Coordinators and members"), id="with_members", on_click=h.on_members),
            ),
            choice_hint(),
            _cancel(),
            state=S.members,
        ),
        Window(
            ErrorLine(),
            T("<b>When are organizations that have not answered reminded?</b>"),
            T(
                "A reminder the day before the deadline is always sent as well.",
                when="has_deadline",
            ),
            Button(T("After 3 and 7 days"), id="r_3_7", on_click=h.on_reminders),
            Button(T("After 7 and 14 days"), id="r_7_14", on_click=h.on_reminders),
            Button(T("No reminders"), id="r_none", on_click=h.on_reminders),
            choice_hint(),
            _cancel(),
            state=S.reminders,
        ),
        Window(
            ErrorLine(),
            Html("{preview}"),
            Button(T("📤 Send"), id="send", on_click=h.on_send),
            Row(
                Button(
                    T("✏️ Recommendations"),
                    id="e_recs",
                    on_click=edit_from(S.review, "review_done"),
                ),
                Button(
                    T("✏️ Deadline"),
                    id="e_deadline",
                    on_click=edit_from(S.deadline, "deadline_done"),
                ),
            ),
            Row(
                Button(T("✏️ Recipients"), id="e_members", on_click=edit_from(S.members, "members")),
                Button(
                    T("✏️ Reminders"),
                    id="e_reminders",
                    on_click=edit_from(S.reminders, "reminder_days"),
                ),
            ),
            _cancel(),
            getter=preview_getter,
            state=S.preview,
        ),
        getter=form_getter,
    )
