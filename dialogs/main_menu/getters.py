from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.locales import language_name
from bot.services.people import Person
from bot.ui.countries import country_label
from bot.ui.help import help_text
from bot.ui.roles import role_names


async def menu_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person: Person = dialog_manager.middleware_data["person"]
    start = dialog_manager.start_data or {}
    lines = []
    if start.get("notice") == "language":
        lines.append(_("✓ Language: {language}").format(language=language_name(person.locale)))
    elif start.get("notice") == "country" and person.country:
        lines.append(_("✓ Country: {country}").format(country=country_label(person.country)))
    if start.get("welcome"):
        lines.append(_("🎉 You are all set. Welcome!"))
    header = "\n".join(lines) + "\n" if lines else ""
    roles = role_names(person.roles)
    return {
        "header": header,
        "title": _("<b>Main menu</b>"),
        "roles_line": ngettext(
            "Your role: {roles}", "Your roles: {roles}", len(person.roles)
        ).format(roles=roles),
    }


async def help_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    return {"help": help_text(dialog_manager.middleware_data["person"])}
