"""/admin: the admins' console. Figures; people found by name or @username, to appoint or
remove as organizers or experts, or to block; one-time appointment links; an ad-hoc
broadcast with its preview and progress; the audit log."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Group, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.admin import handlers as h
from dialogs.admin.getters import (
    audit_getter,
    console_getter,
    link_getter,
    main_getter,
    people_getter,
    person_getter,
    preview_getter,
    progress_getter,
)
from dialogs.admin.states import AdminConsole as S
from dialogs.audience import AudiencePicker, AudienceStates
from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, text_step
from dialogs.staff.states import Staff
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)

AUDIENCE = AudiencePicker(
    AudienceStates(
        S.audience, S.audience_themes, S.audience_countries, S.audience_kinds, S.audience_roles
    ),
    h.on_audience_done,
)


def _to_console() -> SwitchTo:
    return SwitchTo(T("« Console"), id="to_main", state=S.main)


def admin_dialog() -> Dialog:
    return Dialog(
        Window(
            Html("{notice}\n", when="notice"),
            Html("{figures}"),
            Row(
                SwitchTo(T("👥 People"), id="people", state=S.people),
                SwitchTo(T("🔗 Appointment link"), id="link", state=S.link),
            ),
            Row(
                SwitchTo(T("📣 Broadcast"), id="broadcast", state=S.broadcast),
                SwitchTo(T("📜 Audit log"), id="audit", state=S.audit),
            ),
            Row(
                Start(T("🧑‍💼 Organizers"), id="organizers", state=Staff.organizers),
                Button(T("🔄 Refresh"), id="refresh"),
            ),
            Cancel(T("« Back")),
            getter=main_getter,
            state=S.main,
        ),
        Window(
            ErrorLine(),
            T(
                "Send a part of the person's name or @username. Only people who have started "
                "the bot can be found."
            ),
            T(
                "Nobody found. They may not have started the bot yet: an appointment link "
                "works for them too.",
                when="nothing_found",
            ),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="found",
                    item_id_getter=_ID,
                    items="found",
                    on_click=h.on_pick,
                )
            ),
            T("Nobody is blocked.", when="none_blocked"),
            *text_step("admin_find", text_input.SEARCH, h.on_query),
            Row(Button(T("⛔ Blocked"), id="blocked", on_click=h.on_blocked), _to_console()),
            getter=people_getter,
            state=S.people,
        ),
        Window(
            Html("{notice}\n", when="notice"),
            Html("{card}"),
            Row(
                Button(
                    T("🧑‍💼 Make an organizer"),
                    id="appoint_organizer",
                    on_click=h.on_appoint,
                    when="not_organizer",
                ),
                Button(
                    T("➖ Organizer role"),
                    id="remove_organizer",
                    on_click=h.on_remove,
                    when="organizer",
                ),
                when="known",
            ),
            Row(
                Button(
                    T("🎓 Make an expert"),
                    id="appoint_expert",
                    on_click=h.on_appoint,
                    when="not_expert",
                ),
                Button(
                    T("➖ Expert role"), id="remove_expert", on_click=h.on_remove, when="expert"
                ),
                when="known",
            ),
            Button(T("⛔ Block"), id="block", on_click=h.on_block, when="can_block"),
            Button(T("✅ Unblock"), id="unblock", on_click=h.on_block, when="blocked"),
            Row(SwitchTo(T("« Search"), id="to_people", state=S.people), _to_console()),
            getter=person_getter,
            state=S.person,
        ),
        Window(
            T(
                "An appointment link gives a role to whoever opens it, once. Which role should "
                "it give?"
            ),
            Row(
                Button(T("🧑‍💼 Organizer"), id="link_organizer", on_click=h.on_link),
                Button(T("🎓 Expert"), id="link_expert", on_click=h.on_link),
            ),
            _to_console(),
            state=S.link,
        ),
        Window(
            Html("{link_text}"),
            _to_console(),
            getter=link_getter,
            state=S.link_ready,
        ),
        Window(
            ErrorLine(),
            T(
                "Write the message to broadcast. It is sent as plain text, under a heading "
                "saying it comes from the administrators; next you choose who receives it."
            ),
            *text_step("bc_text", text_input.MESSAGE, h.on_broadcast_text, single_line=False),
            _to_console(),
            state=S.broadcast,
        ),
        *AUDIENCE.windows([SwitchTo(T("« Back"), id="aud_to_text", state=S.broadcast)]),
        Window(
            ErrorLine(),
            Html("{preview}"),
            Button(T("📤 Send to {count}"), id="send", on_click=h.on_send, when="can_send"),
            Row(
                SwitchTo(T("✏️ Text"), id="edit_text", state=S.broadcast),
                SwitchTo(T("✏️ Audience"), id="edit_audience", state=S.audience),
            ),
            _to_console(),
            getter=preview_getter,
            state=S.preview,
        ),
        Window(
            Html("{progress}"),
            Button(T("🔄 Refresh"), id="refresh_progress"),
            _to_console(),
            getter=progress_getter,
            state=S.progress,
        ),
        Window(
            Html("{audit}"),
            Group(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="family",
                    item_id_getter=_ID,
                    items="families",
                    on_click=h.on_family,
                ),
                width=2,
            ),
            Row(
                Button(Format("«"), id="prev", on_click=h.on_prev, when="has_prev"),
                Button(Format("»"), id="next", on_click=h.on_next, when="has_next"),
            ),
            _to_console(),
            getter=audit_getter,
            state=S.audit,
        ),
        getter=console_getter,
    )
