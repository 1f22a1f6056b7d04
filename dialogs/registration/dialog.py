"""/register: an organization's application, step by step, with a summary to edit."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import (
    Button,
    Cancel,
    Column,
    Group,
    Row,
)
from aiogram_dialog.widgets.text import Format

from bot.services import text_input
from dialogs.checked import CheckedMultiselect, CheckedSelect
from dialogs.common import ErrorLine, choice_hint, text_step
from dialogs.registration import handlers as h
from dialogs.registration.getters import form_getter, summary_getter
from dialogs.registration.states import Registration as S
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


def _nav(*, first: bool = False) -> Row:
    """« Back to the previous step (to the summary once it was reached; the first step has
    nothing before it, its way back is ✖ Cancel) and ✖ Cancel."""
    back = Button(T("« Back"), id="back", on_click=h.on_back, when="reviewing" if first else None)
    return Row(back, Cancel(T("✖ Cancel")))


def registration_dialog() -> Dialog:
    return Dialog(
        Window(
            ErrorLine(),
            Html("{step_name}"),
            T("🏢 What is the organization's name? Write it in full, as it is registered."),
            *text_step("name", text_input.ORG_NAME, h.on_name),
            _nav(first=True),
            state=S.name,
        ),
        Window(
            ErrorLine(),
            Html("{step_kind}"),
            T("What kind of organization is it?"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="kind",
                    item_id_getter=_ID,
                    items="kinds",
                    on_click=h.on_kind,
                )
            ),
            choice_hint(),
            _nav(),
            state=S.kind,
        ),
        Window(
            ErrorLine(),
            Html("{step_country}"),
            T("In which country is it registered?"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="country",
                    item_id_getter=_ID,
                    items="countries",
                    on_click=h.on_country,
                )
            ),
            choice_hint(),
            _nav(),
            state=S.country,
        ),
        Window(
            ErrorLine(),
            Html("{step_region}"),
            T("Which region or city does it work in?"),
            *text_step("region", text_input.REGION, h.on_region),
            _nav(),
            state=S.region,
        ),
        Window(
            ErrorLine(),
            Html("{step_themes}"),
            T("Which themes does it work on? Tap all that apply, then «Done»."),
            Group(
                CheckedMultiselect(
                    Format("✅ {item[1]}"),
                    Format("{item[1]}"),
                    id="themes",
                    item_id_getter=_ID,
                    items="themes",
                    on_state_changed=h.on_theme_toggled,
                ),
                width=1,
            ),
            choice_hint(),
            Button(T("Done »"), id="themes_done", on_click=h.on_themes_done),
            _nav(),
            state=S.themes,
        ),
        Window(
            ErrorLine(),
            Html("{step_description}"),
            T("Describe the organization in a few sentences: what it does and for whom."),
            *text_step("description", text_input.DESCRIPTION, h.on_description, single_line=False),
            _nav(),
            state=S.description,
        ),
        Window(
            ErrorLine(),
            Html("{step_contact}"),
            T(
                "A contact for partners (e-mail, phone or website), if you wish. You decide "
                "next whether the directory may show it."
            ),
            *text_step("contact", text_input.CONTACT, h.on_contact),
            Button(T("Skip »"), id="skip_contact", on_click=h.on_skip_contact),
            _nav(),
            state=S.contact,
        ),
        Window(
            ErrorLine(),
            Html("{step_consent}"),
            T(
                "May the directory show this contact to everyone who searches it?\n\n"
                "<code>{contact}</code>\n\nIf not, it is shared only with organizations "
                "whose partnership you accept."
            ),
            Row(
                Button(T("Yes, show it"), id="consent_yes", on_click=h.on_consent),
                Button(T("No, keep it private"), id="consent_no", on_click=h.on_consent),
            ),
            choice_hint(),
            _nav(),
            state=S.consent,
        ),
        Window(
            ErrorLine(),
            Html("{summary}"),
            choice_hint(),
            Row(
                Button(T("✏️ Name"), id="edit_name", on_click=h.edit(S.name)),
                Button(T("✏️ Type"), id="edit_kind", on_click=h.edit(S.kind)),
                Button(T("✏️ Country"), id="edit_country", on_click=h.edit(S.country)),
            ),
            Row(
                Button(T("✏️ Region"), id="edit_region", on_click=h.edit(S.region)),
                Button(T("✏️ Themes"), id="edit_themes", on_click=h.edit(S.themes)),
            ),
            Row(
                Button(T("✏️ Description"), id="edit_desc", on_click=h.edit(S.description)),
                Button(T("✏️ Contact"), id="edit_contact", on_click=h.edit(S.contact)),
            ),
            Row(Button(T("📨 Submit"), id="submit", on_click=h.on_submit), Cancel(T("✖ Cancel"))),
            getter=summary_getter,
            state=S.summary,
        ),
        getter=form_getter,
    )
