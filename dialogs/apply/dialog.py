"""An event's application form: the organizer's questions one by one (free text or a choice),
a summary, then sending. Opened again before the deadline, it starts from the answers given."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.apply import handlers as h
from dialogs.apply.getters import question_getter, summary_getter
from dialogs.apply.states import Apply as S
from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, text_step
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def apply_dialog() -> Dialog:
    cancel = Cancel(T("✖ Cancel"))
    return Dialog(
        Window(
            ErrorLine(),
            Html("{header}"),
            Html("{question}"),
            Html("{current}", when="current"),
            *text_step("answer", text_input.ANSWER, h.on_text, single_line=False),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="option",
                    item_id_getter=_ID,
                    items="options",
                    on_click=h.on_option,
                ),
                when="options",
            ),
            Row(
                Button(T("« Previous"), id="prev", on_click=h.on_previous, when="has_previous"),
                Button(T("Keep this answer »"), id="keep", on_click=h.on_keep, when="current"),
            ),
            cancel,
            getter=question_getter,
            state=S.question,
        ),
        Window(
            ErrorLine(),
            Html("{summary}"),
            Button(T("📨 Send the application"), id="send", on_click=h.on_send),
            Button(T("✏️ Change the answers"), id="restart", on_click=h.on_restart),
            cancel,
            getter=summary_getter,
            state=S.summary,
        ),
        on_start=h.on_start,
    )
