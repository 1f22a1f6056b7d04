"""/ask: a consultation request step by step (theme, country, language of the answer, the
question, anonymous or not), then the thread's «Reply» step."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Back, Button, Cancel, Column, Group, Row
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.ask import getters as g
from dialogs.ask import handlers as h
from dialogs.ask.states import Ask as S
from dialogs.ask.states import Consult
from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, choice_hint, text_window
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def _choice_window(state, prompt: T, items: str, key: str, next_state, width: int, back: bool):  # type: ignore[no-untyped-def]
    return Window(
        ErrorLine(),
        prompt,
        Group(
            CheckedSelect(
                Format("{item[1]}"),
                id=key,
                item_id_getter=_ID,
                items=items,
                on_click=h.choose(key, next_state),
            ),
            width=width,
        ),
        choice_hint(),
        Row(Back(T("« Back")), Cancel(T("✖ Cancel"))) if back else Cancel(T("✖ Cancel")),
        getter=g.choices_getter,
        state=state,
    )


def ask_dialog() -> Dialog:
    return Dialog(
        _choice_window(
            S.theme,
            T("🧑‍🏫 <b>Ask an expert</b>\nWhat is your question about?"),
            "themes",
            "theme",
            S.country,
            1,
            back=False,
        ),
        _choice_window(
            S.country, T("Which country is it about?"), "countries", "country", S.language, 2, True
        ),
        _choice_window(
            S.language,
            T("In which language would you like the answer?"),
            "languages",
            "language",
            S.question,
            2,
            True,
        ),
        text_window(
            S.question,
            T(
                "Write your question in one message (at most 2,000 characters): what happened, "
                "what you need, what you have tried."
            ),
            "question",
            text_input.CONSULTATION_QUESTION,
            h.on_question,
            Row(Back(T("« Back")), Cancel(T("✖ Cancel"))),
            multiline=True,
        ),
        Window(
            ErrorLine(),
            T(
                "📎 Photos or documents help the expert (at most {max_files}): send them here, "
                "one or several, with a caption if you like. The expert receives them once they "
                "take the request. A document keeps its file name and its properties (often the "
                "author's name): check them if you ask anonymously."
            ),
            Format("{attached}", when="attached"),
            MessageInput(h.on_file),
            Button(T("Continue »"), id="files_done", on_click=h.files_done),
            Button(
                T("🗑 Remove the files"), id="files_clear", on_click=h.clear_files, when="attached"
            ),
            Row(Back(T("« Back")), Cancel(T("✖ Cancel"))),
            getter=g.files_getter,
            state=S.files,
        ),
        Window(
            T(
                "Ask anonymously? Then the expert sees neither your name nor your "
                "organization, only the question. Otherwise they see your Telegram name."
            ),
            Column(
                Button(T("🕶 Anonymously"), id="anon", on_click=h.anonymity(True)),
                Button(T("👤 With my name"), id="named", on_click=h.anonymity(False)),
            ),
            choice_hint(),
            Row(Back(T("« Back")), Cancel(T("✖ Cancel"))),
            state=S.anonymous,
        ),
        Window(
            T("<b>Your request</b>"),
            Html("{summary}"),
            Button(T("📨 Send"), id="send", on_click=h.on_send),
            choice_hint(),
            Row(Back(T("« Back")), Cancel(T("✖ Cancel"))),
            getter=g.summary_getter,
            state=S.summary,
        ),
    )


def consult_dialog() -> Dialog:
    return Dialog(
        Window(
            Format("{sent}", when="sent"),
            ErrorLine(),
            T(
                "✍️ Write your message for request #{number}, or send a photo or a document: "
                "the bot passes it on."
            ),
            Html("{anonymous_note}", when="anonymous_note"),
            MessageInput(h.on_reply),
            Cancel(T("✔️ Done"), when="sent"),
            Cancel(T("✖ Cancel"), when="nothing_sent"),
            state=Consult.reply,
        ),
        text_window(
            Consult.comment,
            T(
                "💬 Your comment on request #{number}: what helped, what was missing. The "
                "expert reads it with your rating."
            ),
            "comment",
            text_input.MESSAGE,
            h.on_comment,
            Cancel(T("✖ Cancel")),
            multiline=True,
        ),
        getter=g.reply_getter,
    )
