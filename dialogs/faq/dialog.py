"""/faq: the knowledge base. A theme (with how many answered questions each has) or words
typed on any of its screens; results paged, each opening the exchange; its member and its
expert can withdraw their consent from it."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.input import MessageInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine
from dialogs.faq import getters as g
from dialogs.faq import handlers as h
from dialogs.faq.states import Faq as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def _typed(widget_id: str) -> tuple[TextInput[str], MessageInput]:
    """Words typed on this screen are a search; what is not a search goes to the words
    screen, with what to type."""
    return (
        TextInput(
            id=widget_id,
            type_factory=h.parse_words,
            on_success=h.on_words,
            on_error=h.on_bad_words,
        ),
        MessageInput(h.on_not_text),
    )


def faq_dialog() -> Dialog:
    return Dialog(
        Window(
            T(
                "📚 <b>Knowledge base</b>\nAnswered consultations, published without names "
                "with the consent of both the member and the expert."
            ),
            T("Pick a theme, or type words to search for.", when="any"),
            T(
                "Nothing is published yet: an exchange appears here once the member and the "
                "expert both agree.",
                when="empty",
            ),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="theme",
                    item_id_getter=_ID,
                    items="themes",
                    on_click=h.on_theme,
                )
            ),
            *_typed("typed"),
            SwitchTo(T("🔎 Search by words"), id="to_words", state=S.words, when="any"),
            Cancel(T("« Back")),
            getter=g.themes_getter,
            state=S.themes,
        ),
        Window(
            ErrorLine(),
            T(
                "🔎 Type one or more words: you will see the answered questions that contain "
                "all of them."
            ),
            *_typed("words"),
            SwitchTo(T("« Back"), id="words_back", state=S.themes, on_click=h.clear_error),
            state=S.words,
        ),
        Window(
            Html("{notice}\n", when="notice"),
            Html("{heading}"),
            Html("{page_line}", when="several_pages"),
            T("Nothing found. Try other words or another theme.", when="none"),
            Column(
                Select(  # the handler accepts only entries this dialog listed
                    Format("{item[1]}"),
                    id="entry",
                    item_id_getter=_ID,
                    items="entries",
                    on_click=h.on_entry,
                )
            ),
            *_typed("more"),
            Row(
                Button(T("‹ Previous"), id="prev", on_click=h.on_prev, when="has_prev"),
                Button(T("Next ›"), id="next", on_click=h.on_next, when="has_next"),
            ),
            Row(
                SwitchTo(T("🔎 Search by words"), id="search", state=S.words),
                SwitchTo(T("« Back"), id="to_themes", state=S.themes),
            ),
            getter=g.results_getter,
            state=S.results,
        ),
        Window(
            Html("{entry}"),
            *_typed("entry_typed"),
            Button(T("↩️ Withdraw my consent"), id="withdraw", on_click=h.on_withdraw, when="mine"),
            SwitchTo(T("« Back"), id="to_results", state=S.results),
            getter=g.entry_getter,
            state=S.entry,
        ),
    )
