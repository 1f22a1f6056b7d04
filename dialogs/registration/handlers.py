from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.organizations import Draft
from bot.domain.people import Contact
from bot.services.organizations import DuplicateName, TooManyPending
from bot.services.text_input import InvalidContact, InvalidText, parse_contact
from bot.ui.countries import country_label
from bot.ui.html import Markup, html
from dialogs.common import (
    ERROR_KEY,
    back_to_menu,
    now_of,
    person_of,
    problem_message,
    services_of,
    set_error,
)
from dialogs.registration.getters import REVIEWING
from dialogs.registration.states import Registration
from handlers.registration import too_many_pending_text

S = Registration

# Each step's answer in dialog_data, in the order the form asks them.
STEPS = (
    ("name", S.name),
    ("kind", S.kind),
    ("country", S.country),
    ("region", S.region),
    ("themes_done", S.themes),
    ("description", S.description),
    ("contact", S.contact),
    ("consent", S.consent),
)


async def _next(manager: DialogManager) -> None:
    """The first step still unanswered, or the summary: after a first answer the form goes
    on; after an edit (or a correction) it comes back to the summary."""
    data = manager.dialog_data
    data.pop(ERROR_KEY, None)
    for key, state in STEPS:
        if key not in data:
            await manager.switch_to(state)
            return
    await _to_summary(manager)


async def _to_summary(manager: DialogManager) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)
    manager.dialog_data[REVIEWING] = True
    await manager.switch_to(S.summary)


async def on_back(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The previous step, asked again; from a step opened on the summary, the summary."""
    data = manager.dialog_data
    data.pop(ERROR_KEY, None)
    if data.get(REVIEWING):
        data.setdefault("consent", False)  # a new contact not yet shown stays private
        await _to_summary(manager)
        return
    states = [state for _key, state in STEPS]
    index = states.index(manager.current_context().state)
    if index == 0:
        await manager.done()
        return
    key, state = STEPS[index - 1]
    data.pop(key, None)  # asked again, so going on leads through it
    await manager.switch_to(state)


def _duplicate_message(name: str, country: str) -> Markup:
    return html(
        _(
            "An organization named «{name}» is already registered in {country}. If it is "
            "yours, ask its coordinator for an invite link; otherwise give the full name."
        ),
        name=name,
        country=country_label(country),
    )


async def _check_duplicate(manager: DialogManager) -> bool:
    data = manager.dialog_data
    if "name" not in data or "country" not in data:
        return True
    try:
        await services_of(manager).organizations.check_name(data["name"], data["country"])
    except DuplicateName:
        set_error(manager, _duplicate_message(data["name"], data["country"]))
        await manager.switch_to(S.name)
        return False
    return True


async def on_name(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["name"] = value
    if await _check_duplicate(manager):
        await _next(manager)


async def on_kind(callback: CallbackQuery, _w: Any, manager: DialogManager, kind: str) -> None:
    manager.dialog_data["kind"] = kind
    await _next(manager)


async def on_country(
    callback: CallbackQuery, _w: Any, manager: DialogManager, country: str
) -> None:
    manager.dialog_data["country"] = country
    if await _check_duplicate(manager):
        await _next(manager)


async def on_region(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["region"] = value
    await _next(manager)


async def on_theme_toggled(
    event: CallbackQuery, widget: Any, manager: DialogManager, _item: str
) -> None:
    """A theme ticked answers «choose at least one»: the warning goes."""
    if widget.get_checked():
        manager.dialog_data.pop(ERROR_KEY, None)


async def on_themes_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    if not manager.find("themes").get_checked():  # type: ignore[union-attr]
        set_error(manager, _("Please choose at least one theme."))
        return
    manager.dialog_data["themes_done"] = True
    await _next(manager)


async def on_description(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["description"] = value
    await _next(manager)


def contact_problem() -> str:
    return _(
        "That does not look like a contact. Please send an e-mail (name@example.org), a "
        "phone number (+996 555 123 456), a Telegram @username or a website (example.org)."
    )


async def on_contact(message: Message, manager: DialogManager, value: str) -> None:
    try:
        contact = parse_contact(value)
    except InvalidText as error:
        set_error(manager, problem_message(error, person_of(manager).locale))
        return
    except InvalidContact:
        set_error(manager, contact_problem())
        return
    manager.dialog_data["contact"] = contact
    manager.dialog_data.pop("consent", None)  # the consent belongs to the new contact
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.consent)


async def on_skip_contact(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["contact"] = None
    manager.dialog_data["consent"] = False
    await _to_summary(manager)


async def on_consent(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["consent"] = button.widget_id == "consent_yes"
    await _to_summary(manager)


def edit(state: Any) -> Any:
    async def on_edit(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        manager.dialog_data.pop(ERROR_KEY, None)
        await manager.switch_to(state)

    return on_edit


async def on_submit(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    draft = Draft(
        name=data["name"],
        kind=data["kind"],
        country=data["country"],
        region=data["region"],
        themes=tuple(manager.find("themes").get_checked()),  # type: ignore[union-attr]
        description=data["description"],
        contact=data.get("contact"),
        contact_consent=bool(data.get("consent")),
    )
    user = callback.from_user
    try:
        await services_of(manager).organizations.submit(
            person_of(manager),
            draft,
            Contact(user.id, user.full_name, user.username),
            now_of(manager),
        )
    except DuplicateName:
        set_error(manager, _duplicate_message(draft.name, draft.country))
        await manager.switch_to(S.name)
        return
    except TooManyPending:
        set_error(manager, too_many_pending_text())
        return
    except (InvalidText, ValueError):
        set_error(manager, _("Something in the form is no longer valid; please check it."))
        return
    await back_to_menu(manager, "org_submitted")
