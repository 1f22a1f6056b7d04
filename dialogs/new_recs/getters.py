"""What /newrecs' windows show: the review's page of numbered recommendations, the
recommendation an edit is about, and the preview built from the draft exactly as the
addressees' message will be, with how many it reaches."""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.domain.recommendations import (
    Group,
    InvalidRecSet,
    Recommendation,
    RecSet,
    Section,
)
from bot.services.recommendations import RecommendationsService
from bot.ui.events import zone_name
from bot.ui.html import shorten
from bot.ui.new_recs import page_line, preview_text, review_head, review_pages
from bot.ui.recommendations import group_name
from dialogs.common import now_of, person_of, services_of
from dialogs.new_recs import draft
from dialogs.new_recs.handlers import FOCUS_KEY, NOTICE_KEY, sections_of
from dialogs.new_recs.states import NewRecs

CURRENT_SHOWN = 3000  # of the text an edit is about (an import may hold a longer one)


def _action_label(action: str | None) -> str:
    return {
        "edit": _("✏️ Edit text"),
        "groups": _("👥 Addressees"),
        "split": _("✂️ Split"),
        "merge": _("🔀 Merge with the next"),
        "delete": _("🗑 Delete"),
    }.get(action or "", "")


async def form_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    person = person_of(dialog_manager)
    # the form's buttons can be pressed from a forged callback, its menu button hidden or not
    services_of(dialog_manager).recommendations.check_organizer(person, "write recommendations")
    sections = sections_of(dialog_manager)
    number = int(data.get("number", 0))
    events = []
    if dialog_manager.current_context().state == NewRecs.source:
        own = await services_of(dialog_manager).events.organized(person)
        events = [(str(o.event.id), shorten(o.event.details.title, 50)) for o in own[:6]]
    rec = draft.rec_at(sections, number)
    return {
        "title": data.get("title", ""),
        "count": draft.count(sections),
        "has_recs": bool(draft.count(sections)),
        "number": number,
        "current": shorten(rec["text"], CURRENT_SHOWN) if rec else "",
        "action": _action_label(data.get("action")),
        "adding": data.get("action") == "add",
        "editing": data.get("action") != "add",
        "new_text": shorten(data.get("new_text", ""), CURRENT_SHOWN),
        "group_items": [(g.value, group_name(g)) for g in Group],
        "events": events,
        "has_deadline": bool(data.get("deadline")),
        "zone": zone_name(person.timezone, person.locale),
    }


async def review_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    person = person_of(dialog_manager)
    sections = draft.from_json(sections_of(dialog_manager))
    pages = review_pages(sections, data.get("unplaced", []))
    focus = data.pop(FOCUS_KEY, None)
    if focus is not None:
        data["page"] = next(
            (i for i, p in enumerate(pages) if focus in p.numbers), data.get("page", 0)
        )
    page = min(max(int(data.get("page", 0)), 0), len(pages) - 1)
    data["page"] = page
    return {
        "head": review_head(data.get("title", ""), sections, person.locale),
        "page_text": pages[page].text,
        "page_line": page_line(page, len(pages)) if len(pages) > 1 else "",
        "has_prev": page > 0,
        "has_next": page + 1 < len(pages),
        "notice": data.get(NOTICE_KEY) or "",
    }


def _rec_set(dialog_manager: DialogManager) -> RecSet:
    """The draft as the set it becomes (id 0), its texts trimmed as when sending."""
    data = dialog_manager.dialog_data
    now = now_of(dialog_manager)
    rec_draft = draft.draft_of(data)
    with contextlib.suppress(InvalidRecSet):  # the send says what is wrong, at its step
        rec_draft = RecommendationsService.check(rec_draft, now)
    sections = []
    position = 0
    for s, section in enumerate(rec_draft.sections):
        recs = []
        for rec in section.recommendations:
            recs.append(Recommendation(position, s, position, rec.text, rec.groups))
            position += 1
        sections.append(Section(s, s, section.title, tuple(recs)))
    return RecSet(
        id=0,
        title=rec_draft.title,
        source=rec_draft.source,
        event_id=rec_draft.event_id,
        held_on=rec_draft.held_on,
        deadline=rec_draft.deadline,
        created_by=person_of(dialog_manager).id,
        created_at=now,
        sent_at=None,
        deleted_at=None,
        include_members=rec_draft.include_members,
        sections=tuple(sections),
        reminder_days=rec_draft.reminder_days,
        checkin_days=rec_draft.checkin_days,
    )


async def preview_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    rec_set = _rec_set(dialog_manager)
    reach = await services_of(dialog_manager).recommendations.reach(
        person, rec_set.groups, rec_set.include_members
    )
    return {
        "preview": preview_text(
            rec_set,
            {group: reach.orgs_of(group) for group in rec_set.groups},
            len(reach.people),
            person.locale,
            person.timezone,
        )
    }
