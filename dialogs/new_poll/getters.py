"""What /newpoll's windows show: the questions so far, the choices of each step, and the
preview built from the draft exactly as the recipients' message will be."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.domain.polls import Poll, Question, QuestionKind
from bot.i18n import N_
from bot.ui.events import zone_name
from bot.ui.new_poll import kind_label, preview_text, questions_text, reminder_label
from dialogs.audience import audience_data, audience_from, audience_text, org_names
from dialogs.common import now_of, person_of, services_of
from dialogs.new_poll.handlers import drafts_of, reminders_possible

QUICK_LABELS = {
    "1d": N_("In a day"),
    "3d": N_("In 3 days"),
    "7d": N_("In a week"),
    "14d": N_("In 2 weeks"),
}


async def form_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    person = person_of(dialog_manager)
    # the form's buttons can be pressed from a forged callback, its menu button hidden or not
    services_of(dialog_manager).polls.check_organizer(person, "write a poll")
    questions = drafts_of(data)
    choices = len(data.get("q_options", [])) + int(bool(data.get("q_other")))
    return {
        **await audience_data(dialog_manager),
        "questions": questions_text(questions),
        "has_questions": bool(questions),
        "q_text": data.get("q_text", ""),
        "kinds": [(k.value, kind_label(k)) for k in QuestionKind],
        "maximums": [("0", _("Any number"))]
        + [(str(n), _("At most {count}").format(count=n)) for n in range(1, choices)],
        "quick": [(code, _(label)) for code, label in QUICK_LABELS.items()],
        "reminders": [(str(h), reminder_label(h)) for h in reminders_possible(dialog_manager)]
        if data.get("closes")
        else [],
        "zone": zone_name(person.timezone, person.locale),
    }


async def preview_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    person = person_of(dialog_manager)
    now = now_of(dialog_manager)
    drafts = drafts_of(data)
    closes = datetime.fromisoformat(data["closes"])
    poll = Poll(
        id=0,
        title=" ".join((data.get("title") or "").split()) or drafts[0].text,
        anonymous=bool(data["anonymous"]),
        results_public=bool(data["public"]),
        created_by=person.id,
        created_at=now,
        closes_at=closes,
        closed_at=None,
        questions=tuple(
            Question(i, i, q.kind, q.text, q.options, q.max_choices, q.scale, q.other)
            for i, q in enumerate(drafts)
        ),
    )
    audience = audience_from(dialog_manager)
    reach = await services_of(dialog_manager).polls.reach(person, audience)
    hours = int(data.get("remind") or 0)
    remind_at = closes - timedelta(hours=hours) if hours else None
    return {
        "preview": preview_text(
            poll,
            reach,
            audience_text(audience, await org_names(dialog_manager)),
            remind_at if remind_at is not None and remind_at > now else None,
            person.locale,
            person.timezone,
        ),
        "needs_title": len(drafts) > 1,
    }
