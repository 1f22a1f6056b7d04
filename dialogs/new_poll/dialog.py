"""/newpoll: an organizer writes a poll or a questionnaire question by question (one
choice, several choices, a rating, a free text), says whether it is anonymous, whom it
goes to, when it closes, when the silent are reminded and whether respondents see the
results; sees the first question exactly as recipients will, with the audience's size;
and sends it."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Checkbox, Group, Row
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.audience import AudiencePicker, AudienceStates
from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, choice_hint, edit_from, text_window
from dialogs.new_poll import handlers as h
from dialogs.new_poll.getters import form_getter, preview_getter
from dialogs.new_poll.states import NewPoll as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)

AUDIENCE = AudiencePicker(
    AudienceStates(
        S.audience,
        S.audience_themes,
        S.audience_countries,
        S.audience_kinds,
        S.audience_roles,
        S.audience_orgs,
    ),
    h.on_audience_done,
)


def _cancel() -> Cancel:
    return Cancel(T("✖ Cancel"))


def _select(widget_id: str, items: str, on_click, width: int = 1) -> Group:  # type: ignore[no-untyped-def]
    return Group(
        CheckedSelect(
            Format("{item[1]}"), id=widget_id, item_id_getter=_ID, items=items, on_click=on_click
        ),
        width=width,
    )


def new_poll_dialog() -> Dialog:
    return Dialog(
        text_window(
            S.question,
            T(
                "📊 <b>New poll</b>\nWrite the question (a questionnaire: its first "
                "question; you add the others next)."
            ),
            "question",
            text_input.QUESTION,
            h.on_question,
            _cancel(),
        ),
        Window(
            ErrorLine(),
            T("«{q_text}»\n\nHow do people answer it?"),
            _select("kind", "kinds", h.on_kind, width=2),
            choice_hint(),
            _cancel(),
            state=S.kind,
        ),
        text_window(
            S.options,
            T(
                "«{q_text}»\n\nSend the options, one per line: 2 to 12, each at most 60 "
                "characters (they become buttons). Tap below first to let people write "
                "their own answer too."
            ),
            "options",
            text_input.POLL_OPTIONS,
            h.on_options,
            Checkbox(
                T("✅ «Other (write it)» offered"),
                T("➕ Offer «Other (write it)»"),
                id=h.OTHER_WIDGET,
            ),
            _cancel(),
            multiline=True,
        ),
        Window(
            ErrorLine(),
            T("How many options may one person tick?"),
            _select("maximum", "maximums", h.on_maximum, width=2),
            choice_hint(),
            _cancel(),
            state=S.maximum,
        ),
        Window(
            ErrorLine(),
            T("«{q_text}»\n\nWhich scale?"),
            Row(
                Button(T("1 to 5"), id="scale_5", on_click=h.on_scale),
                Button(T("1 to 10"), id="scale_10", on_click=h.on_scale),
            ),
            choice_hint(),
            _cancel(),
            state=S.scale,
        ),
        Window(
            ErrorLine(),
            T("<b>Questions</b> (a questionnaire asks them one at a time):"),
            Html("\n{questions}"),
            Button(T("➕ Add a question"), id="add_q", on_click=h.on_add_question),
            Button(
                T("🗑 Remove the last"),
                id="del_q",
                on_click=h.on_remove_question,
                when="has_questions",
            ),
            Row(Button(T("Done »"), id="q_done", on_click=h.on_questions_done), _cancel()),
            choice_hint(),
            state=S.questions,
        ),
        text_window(
            S.title,
            T("A title for the questionnaire, shown above each question."),
            "title",
            text_input.POLL_TITLE,
            h.on_title,
            Row(Button(T("Skip »"), id="no_title", on_click=h.on_no_title), _cancel()),
        ),
        Window(
            ErrorLine(),
            T(
                "<b>Anonymous or named?</b>\n🕶 Anonymous: nobody, you included, can see who "
                "answered what; answers cannot be changed. Needs at least 3 recipients.\n"
                "👤 Named: you see each person's answers; they can change them until closing. "
                "People are told which it is before they answer."
            ),
            Row(
                Button(T("🕶 Anonymous"), id="anonymous", on_click=h.on_anonymous),
                Button(T("👤 Named"), id="named", on_click=h.on_anonymous),
            ),
            choice_hint(),
            _cancel(),
            state=S.anonymous,
        ),
        *AUDIENCE.windows([_cancel()]),
        text_window(
            S.closes,
            T(
                "<b>When does it close?</b> Tap a choice, or write the date and time as "
                "DD.MM.YYYY HH:MM, e.g. 13.06.2027 10:00, in your time zone ({zone})."
            ),
            "closes",
            text_input.MOMENT,
            h.on_closes,
            _select("quick", "quick", h.on_quick_closing, width=2),
            _cancel(),
        ),
        Window(
            ErrorLine(),
            T("When should those who have not answered be reminded, once?"),
            _select("remind", "reminders", h.on_remind),
            choice_hint(),
            _cancel(),
            state=S.remind,
        ),
        Window(
            ErrorLine(),
            T("Do respondents see the results once the poll closes?"),
            Row(
                Button(T("✅ Yes, send them"), id="public", on_click=h.on_results),
                Button(T("🔒 No, only me"), id="private", on_click=h.on_results),
            ),
            choice_hint(),
            _cancel(),
            state=S.results,
        ),
        Window(
            ErrorLine(),
            Html("{preview}"),
            Button(T("📤 Send"), id="send", on_click=h.on_send),
            Row(
                Button(
                    T("✏️ Questions"),
                    id="e_q",
                    on_click=edit_from(S.questions, "questions_done"),
                ),
                Button(
                    T("✏️ Title"),
                    id="e_title",
                    on_click=edit_from(S.title, "title_done"),
                    when="needs_title",
                ),
            ),
            Row(
                Button(T("✏️ Anonymity"), id="e_anon", on_click=edit_from(S.anonymous, "anonymous")),
                Button(
                    T("✏️ Audience"), id="e_aud", on_click=edit_from(S.audience, "audience_done")
                ),
            ),
            Row(
                Button(
                    T("✏️ Closing and reminder"),
                    id="e_close",
                    on_click=edit_from(S.closes, "closes", "remind_done"),
                ),
                Button(T("✏️ Results"), id="e_res", on_click=edit_from(S.results, "public")),
            ),
            _cancel(),
            getter=preview_getter,
            state=S.preview,
        ),
        getter=form_getter,
    )
