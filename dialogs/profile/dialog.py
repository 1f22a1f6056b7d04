"""/profile (what the bot stores about you) and /forget (delete it)."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Select, Start
from aiogram_dialog.widgets.text import Format

from dialogs.expert.states import ExpertForm
from dialogs.profile import getters as g
from dialogs.profile import handlers as h
from dialogs.profile.states import Forget, Profile
from dialogs.widgets import T, settings_row

_ID = operator.itemgetter(0)


def profile_dialog() -> Dialog:
    return Dialog(
        Window(
            Format("{profile}"),
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
            T("You coordinate «{org}». Who should take it over?"),
            T("It has no other members.", when=lambda d, *_: not d["has_candidates"]),
            Column(
                Select(
                    Format("{item[1]}"),
                    id="successor",
                    item_id_getter=_ID,
                    items="candidates",
                    on_click=h.on_successor,
                )
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
            Format("\n{orgs}", when="has_orgs"),
            Button(T("🗑 Yes, delete my data"), id="confirm", on_click=h.on_confirm),
            Cancel(T("✖ Cancel")),
            getter=g.confirm_getter,
            state=Forget.confirm,
        ),
        on_start=h.on_forget_start,
    )
