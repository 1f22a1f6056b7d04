"""The main menu: what this person's roles let them do, one tap away."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Back, Button, Cancel, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.ask.states import Ask
from dialogs.directory.states import Directory
from dialogs.main_menu.getters import help_getter, menu_getter
from dialogs.main_menu.handlers import (
    leave_form,
    open_events,
    open_expert,
    open_my_organization,
    open_own_events,
    open_pending,
    open_polls,
    open_proposals,
    open_recs,
)
from dialogs.main_menu.states import MainMenu
from dialogs.new_event.states import NewEvent
from dialogs.new_poll.states import NewPoll
from dialogs.new_recs.states import NewRecs
from dialogs.profile.states import Profile
from dialogs.registration.states import Registration
from dialogs.staff.states import Staff
from dialogs.widgets import Html, T, settings_row


def main_menu_dialog() -> Dialog:
    return Dialog(
        Window(
            Html("{header}{title}"),
            Html("{roles_line}"),
            Button(
                Format("{proposals_label}"),
                id="proposals",
                on_click=open_proposals,
                when="proposals_waiting",
            ),
            Row(
                Start(T("🔎 Organizations"), id="orgs", state=Directory.filters),
                Start(T("🏢 Register"), id="register", state=Registration.name),
            ),
            Row(
                Button(T("📅 Events"), id="events", on_click=open_events),
                Start(T("❓ Ask an expert"), id="ask", state=Ask.theme),
            ),
            Row(
                Start(T("📣 New event"), id="newevent", state=NewEvent.kind),
                Button(T("🗂 My events"), id="myevents", on_click=open_own_events),
                when="organizer",
            ),
            Row(
                Start(T("📊 New poll"), id="newpoll", state=NewPoll.question),
                Button(Format("{polls_label}"), id="polls", on_click=open_polls),
                when="organizer",
            ),
            Button(
                Format("{polls_label}"),
                id="polls_waiting",
                on_click=open_polls,
                when="polls_waiting",
            ),
            Row(
                Start(T("📋 New recommendations"), id="newrecs", state=NewRecs.title),
                Button(Format("{recs_label}"), id="recs", on_click=open_recs),
                when="organizer",
            ),
            Button(
                Format("{recs_label}"), id="recs_waiting", on_click=open_recs, when="recs_waiting"
            ),
            Button(
                T("👥 My organization"),
                id="myorg",
                on_click=open_my_organization,
                when="coordinator",
            ),
            Row(
                Button(T("🧑‍🏫 Expertise"), id="expert", on_click=open_expert),
                Start(T("👤 Profile"), id="profile", state=Profile.main),
            ),
            Row(
                Button(Format("{pending_label}"), id="pending", on_click=open_pending),
                Start(T("🛡 Organizers"), id="organizers", state=Staff.organizers),
                when="admin",
            ),
            SwitchTo(T("❓ Help"), id="help", state=MainMenu.help),
            settings_row(),
            getter=menu_getter,
            state=MainMenu.main,
        ),
        Window(
            Html("{help}"),
            Back(T("« Back")),
            getter=help_getter,
            state=MainMenu.help,
        ),
        Window(
            T(
                "You are in the middle of a form. Leave it? What you have entered so far "
                "will be lost."
            ),
            Cancel(T("✏️ Continue the form"), id="stay"),
            Button(T("🚪 Leave the form"), id="leave", on_click=leave_form),
            state=MainMenu.leave,
        ),
    )
