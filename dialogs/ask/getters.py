from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.domain.consultations import MAX_QUESTION_FILES, Side
from bot.locales import LANGUAGES, language_name
from bot.ui.consultations import anonymous_files_note
from bot.ui.countries import country_label
from bot.ui.html import lines
from bot.ui.themes import theme_name
from dialogs.common import person_of, services_of


async def choices_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    return {
        "themes": [(t, theme_name(t)) for t in THEMES],
        "countries": [(c, country_label(c)) for c in (*CENTRAL_ASIA, OTHER)],
        "languages": [(code, language_name(code)) for code in LANGUAGES],
    }


async def summary_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    files = data.get("files", [])
    anonymous = bool(data.get("anonymous"))
    who = (
        _("Anonymously: the expert sees neither your name nor your organization.")
        if anonymous
        else _("With your Telegram name: the expert sees who asks.")
    )
    summary = lines(
        [
            _("Theme: {theme}").format(theme=theme_name(data["theme"])),
            _("Country: {country}").format(country=country_label(data["country"])),
            _("Answer in: {language}").format(language=language_name(data["language"])),
            who,
            *([_attached(len(files))] if files else []),
            "",
            data["question"],
        ]
    )
    return {"summary": summary}


def _attached(count: int) -> str:
    return ngettext("📎 Attached: {count} file.", "📎 Attached: {count} files.", count).format(
        count=count
    )


async def files_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    count = len(dialog_manager.dialog_data.get("files", []))
    return {"max_files": MAX_QUESTION_FILES, "attached": _attached(count) if count else ""}


async def reply_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    """The request's number; what was sent last (the step stays open for more: an album
    comes as several messages); whether the writer is an anonymous asker."""
    consultation_id = int(dialog_manager.start_data["id"])  # type: ignore[index]
    consultation, side = await services_of(dialog_manager).consultations.side_of(
        person_of(dialog_manager), consultation_id
    )
    sent = dialog_manager.dialog_data.get("sent", "")
    return {
        "number": consultation_id,
        "sent": sent,
        "nothing_sent": not sent,
        "anonymous_note": (
            anonymous_files_note() if side == Side.ASKER and consultation.anonymous else ""
        ),
    }
