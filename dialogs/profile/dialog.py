"""/profile (what the bot stores about you) and /forget (delete it)."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, Start
from aiogram_dialog.widgets.text import Const, Format

from dialogs.checked import CheckedSelect
from dialogs.expert.states import ExpertForm
from dialogs.profile import getters as g
from dialogs.profile import handlers as h
from dialogs.profile.states import Forget, Profile
from dialogs.widgets import Html, T, settings_row

_ID = operator.itemgetter(0)


def profile_dialog() -> Dialog:
    return Dialog(
        Window(
            Html("{profile}"),
            settings_row(),
            Start(T("🧑‍🏫 Expert profile"), id="expert", state=ExpertForm.status),
            Start(T("🗑 Delete my data"), id="forget", state=Forget.handover),
            Cancel(T("« Back")),
            getter=g.profile_getter,
            state=Profile.main,
        ),
    )


def forget_dialog() -> Dialog:
    return Dialog(
        Window(
            Html("{notice}", when="notice"),
            T("You coordinate «{org}». Who should take it over?"),
            T("It has no other members.", when=lambda d, *_: not d["has_candidates"]),
            T("Page {page} of {pages}", when="several_pages"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="successor",
                    item_id_getter=_ID,
                    items="candidates",
                    on_click=h.on_successor,
                )
            ),
            Row(
                Button(Const("«"), id="prev", on_click=h.on_prev_page, when="has_prev"),
                Button(Const("»"), id="next", on_click=h.on_next_page, when="has_next"),
            ),
            Button(T("Close the organization"), id="close", on_click=h.on_close_org),
            Cancel(T("✖ Cancel")),
            getter=g.handover_getter,
            state=Forget.handover,
        ),
        Window(
            T(
                "🗑 <b>Delete your data?</b>\n\nThe bot will delete your language, country, "
                "roles, memberships, join requests, expert profile and the contacts you "
                "shared with partners. This cannot be undone."
            ),
            Html("\n{orgs}", when="has_orgs"),
            Button(T("🗑 Yes, delete my data"), id="confirm", on_click=h.on_confirm),
            Cancel(T("✖ Cancel")),
            getter=g.confirm_getter,
            state=Forget.confirm,
        ),
        on_start=h.on_forget_start,
    )
