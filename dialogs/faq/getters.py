from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.catalog import THEMES
from bot.domain.faq import PAGE
from bot.formatting import format_number
from bot.ui.faq import all_themes_label, entry_text, result_label, theme_label
from bot.ui.themes import theme_name
from dialogs.common import person_of, services_of

ALL = "all"
SEEN = "seen"  # the keys of the entries shown in this dialog, in order
MAX_SEEN = 300


async def themes_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    locale = person_of(dialog_manager).locale
    counts = await services_of(dialog_manager).faq.theme_counts()
    total = sum(counts.values())
    themes = [(t, theme_label(t, counts[t], locale)) for t in THEMES if counts.get(t)]
    return {
        "themes": [(ALL, all_themes_label(total, locale)), *themes] if total else [],
        "any": total > 0,
        "empty": total == 0,
    }


def _heading(theme: str | None, words: list[str], total: int, locale: str) -> str:
    count = format_number(total, locale)
    if words:
        return ngettext(
            "🔎 «{words}»: {count} answered question",
            "🔎 «{words}»: {count} answered questions",
            total,
        ).format(words=" ".join(words), count=count)
    if theme is not None:
        return ngettext(
            "🏷 {theme}: {count} answered question", "🏷 {theme}: {count} answered questions", total
        ).format(theme=theme_name(theme), count=count)
    return ngettext(
        "📚 All themes: {count} answered question",
        "📚 All themes: {count} answered questions",
        total,
    ).format(count=count)


def _place(data: dict[str, Any], key: int) -> str:
    """What an entry's button carries: its place among the entries this dialog has shown
    (never a request's number), the same for as long as the dialog lasts, so a button of a
    list that has changed since still opens what it says."""
    seen: list[int] = data.setdefault(SEEN, [])
    if key not in seen:
        if len(seen) >= MAX_SEEN:
            seen.clear()
        seen.append(key)
    return str(seen.index(key))


async def results_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    """A page of results."""
    data = dialog_manager.dialog_data
    locale = person_of(dialog_manager).locale
    service = services_of(dialog_manager).faq
    theme: str | None = data.get("theme")
    words: list[str] = list(data.get("words") or [])
    page = int(data.get("page", 0))
    found = await service.search(theme, words, page)
    pages = max(1, (found.total + PAGE - 1) // PAGE)
    if page >= pages:  # entries withdrawn meanwhile: the last page there is
        page = pages - 1
        data["page"] = page
        found = await service.search(theme, words, page)
    return {
        "notice": data.pop("notice", ""),
        "heading": _heading(theme, words, found.total, locale),
        "entries": [(_place(data, s.key), result_label(s)) for s in found.entries],
        "page_line": _("Page {page} of {pages}").format(page=page + 1, pages=pages),
        "several_pages": pages > 1,
        "has_prev": page > 0,
        "has_next": page + 1 < pages,
        "none": found.total == 0,
    }


async def entry_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    view = await services_of(dialog_manager).faq.view(
        person_of(dialog_manager), int(dialog_manager.dialog_data["entry"])
    )
    if view is None:
        return {"entry": _("This entry is no longer published."), "mine": False}
    return {"entry": entry_text(view.entry), "mine": view.mine}
