"""/myorg: a coordinator's organization: its card, members, invite link, details, and its
partnerships (proposals to answer or to withdraw, and partners with their contacts)."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import (
    Back,
    Button,
    Cancel,
    Column,
    Row,
    ScrollingGroup,
    SwitchTo,
)
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, text_step
from dialogs.organization import getters as g
from dialogs.organization import handlers as h
from dialogs.organization.states import MyOrganization as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def organization_dialog() -> Dialog:
    to_main = SwitchTo(T("« Back"), id="to_main", state=S.main)
    return Dialog(
        Window(
            T("Which organization?"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="org",
                    item_id_getter=_ID,
                    items="orgs",
                    on_click=h.on_choose,
                )
            ),
            Cancel(T("« Back")),
            getter=g.choose_getter,
            state=S.choose,
        ),
        Window(
            Html("{card}"),
            Html("{contact_note}"),
            SwitchTo(Format("{members_button}"), id="members", state=S.members),
            SwitchTo(Format("{partnerships_button}"), id="partnerships", state=S.partnerships),
            Button(T("🔗 Invite link"), id="invite", on_click=h.on_open_invite),
            Row(
                SwitchTo(T("✏️ Description"), id="edit_desc", state=S.edit_description),
                SwitchTo(T("✏️ Contact"), id="edit_contact", state=S.edit_contact),
            ),
            Cancel(T("« Back")),
            getter=g.main_getter,
            state=S.main,
        ),
        Window(
            T(
                "Share this link with your colleagues:\n{link}\n\nWhoever opens it asks to "
                "join; you confirm each request here.",
                when="active",
            ),
            T("The invite link is turned off. Nobody can ask to join.", when="inactive"),
            Button(T("🔄 New link"), id="renew", on_click=h.on_renew),
            Button(T("⛔ Turn the link off"), id="revoke", on_click=h.on_revoke, when="active"),
            to_main,
            getter=g.invite_getter,
            state=S.invite,
        ),
        Window(
            T("Members of the organization: {count}"),
            ScrollingGroup(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="member",
                    item_id_getter=_ID,
                    items="members",
                    on_click=h.on_member,
                ),
                id="members_page",
                width=1,
                height=8,
                hide_on_single_page=True,
            ),
            to_main,
            getter=g.members_getter,
            state=S.members,
        ),
        Window(
            T("{member}\nJoined: {joined}"),
            Button(
                T("Remove from the organization"),
                id="remove",
                on_click=h.on_remove,
                when="removable",
            ),
            Back(T("« Back")),
            getter=g.member_getter,
            state=S.member,
        ),
        Window(
            ErrorLine(),
            T("Send the new description: what the organization does and for whom."),
            *text_step("description", text_input.DESCRIPTION, h.on_description, single_line=False),
            to_main,
            state=S.edit_description,
        ),
        Window(
            ErrorLine(),
            T("Send the new contact for partners (e-mail, phone or website)."),
            *text_step("contact", text_input.CONTACT, h.on_contact),
            Button(T("Remove the contact"), id="remove_contact", on_click=h.on_remove_contact),
            to_main,
            state=S.edit_contact,
        ),
        Window(
            T(
                "May the directory show this contact to everyone who searches it? If not, it "
                "is shared only with organizations whose partnership you accept."
            ),
            Row(
                Button(T("Yes, show it"), id="consent_yes", on_click=h.on_consent),
                Button(T("No, keep it private"), id="consent_no", on_click=h.on_consent),
            ),
            state=S.edit_consent,
        ),
        Window(
            Html("{notice}\n", when="notice"),
            Html("{summary}"),
            ScrollingGroup(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="partnership",
                    item_id_getter=_ID,
                    items="rows",
                    on_click=h.on_partnership,
                ),
                id="partnerships_page",
                width=1,
                height=8,
                hide_on_single_page=True,
            ),
            to_main,
            getter=g.partnerships_getter,
            state=S.partnerships,
        ),
        Window(
            Html("{notice}\n", when="notice"),
            Html("{detail}"),
            Row(
                Button(T("✅ Accept"), id="accept", on_click=h.on_answer),
                Button(T("✖ Decline"), id="decline", on_click=h.on_answer),
                when="can_answer",
            ),
            Button(
                T("↩️ Withdraw the proposal"),
                id="withdraw",
                on_click=h.on_withdraw,
                when="can_withdraw",
            ),
            SwitchTo(T("« Back"), id="to_partnerships", state=S.partnerships),
            getter=g.partnership_getter,
            state=S.partnership,
        ),
        on_start=h.on_start,
    )
