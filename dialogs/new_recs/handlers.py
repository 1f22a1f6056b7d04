"""/newrecs' steps: each answer is kept in dialog_data (the recommendations as plain JSON,
see `draft`), then the first step still unanswered opens (or the preview). The review's
edits work on that JSON; the service checks everything again when sending."""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.rec_import import parse_text
from bot.domain.recommendations import (
    MAX_RECOMMENDATION_LENGTH,
    MAX_RECOMMENDATIONS,
    Group,
    ImportedText,
    InvalidRecSet,
    RecProblem,
)
from bot.rec_files import MAX_UPLOAD_BYTES, SUFFIXES, UnreadableFile, UnreadableReason, read_upload
from bot.services.moments import BadMoment, parse_day
from bot.services.recommendations import RecommendationsService
from bot.services.text_input import InvalidText, TextRule, clean_text
from bot.ui.new_recs import (
    imported_text,
    no_recommendations_text,
    other_section,
    problem_text,
    sent_text,
    too_many_text,
    unaddressed_text,
    untitled_section,
    upload_problem,
)
from bot.ui.recommendations import groups_text
from dialogs.common import (
    ERROR_KEY,
    back_to_menu,
    back_to_step,
    bot_of,
    now_of,
    person_of,
    problem_message,
    services_of,
    set_error,
    to_first_unanswered,
)
from dialogs.event_inputs import read_moment
from dialogs.new_recs import draft
from dialogs.new_recs.states import NewRecs as S

log = logging.getLogger(__name__)

TITLE = TextRule(min_length=3, max_length=200)
SOURCE = TextRule(min_length=2, max_length=300)
REC_TEXT = TextRule(min_length=3, max_length=MAX_RECOMMENDATION_LENGTH)
SPLIT_TEXT = TextRule(min_length=3, max_length=4096)
NUMBER = TextRule(min_length=1, max_length=12)
HELD_ON = TextRule(min_length=1, max_length=40)

GROUPS_WIDGET = "rec_groups"
NOTICE_KEY = "notice"
FOCUS_KEY = "focus"  # the recommendation the review shows the page of, after an edit
MIN_DEADLINE = timedelta(days=1)
REMINDERS = {"r_3_7": [3, 7], "r_7_14": [7, 14], "r_none": []}

# Each answer's key in dialog_data, in the order the form asks them.
ORDER = (
    ("title", S.title),
    ("source_done", S.source),
    ("held_done", S.held_on),
    ("content_done", S.content),
    ("review_done", S.review),
    ("deadline_done", S.deadline),
    ("members", S.members),
    ("reminder_days", S.reminders),
)


def _clear(manager: DialogManager) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)
    manager.dialog_data.pop(NOTICE_KEY, None)


async def go_on(manager: DialogManager) -> None:
    """The first step still unanswered, or the preview."""
    await to_first_unanswered(manager, ORDER, S.preview)


def sections_of(manager: DialogManager) -> list[draft.JsonSection]:
    return manager.dialog_data.setdefault("sections", [])


async def _to_review(
    manager: DialogManager, notice: str | None = None, focus: int | None = None
) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)
    if notice:
        manager.dialog_data[NOTICE_KEY] = notice
    if focus is not None:
        manager.dialog_data[FOCUS_KEY] = focus
    await manager.switch_to(S.review)


def _checked(manager: DialogManager, raw: str | None, rule: TextRule) -> str | None:
    """The text cleaned by `rule`, or None with the problem shown above the step."""
    try:
        return clean_text(raw, rule)
    except InvalidText as error:
        set_error(manager, problem_message(error, person_of(manager).locale))
        return None


# ---------------------------------------------------------------------- title, source, date


async def on_title(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["title"] = value
    await go_on(manager)


async def on_source(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["source"] = value
    manager.dialog_data.pop("event_id", None)
    manager.dialog_data["source_done"] = True
    await go_on(manager)


async def on_no_source(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["source"] = None
    manager.dialog_data.pop("event_id", None)
    manager.dialog_data["source_done"] = True
    await go_on(manager)


async def on_source_event(
    callback: CallbackQuery, _w: Any, manager: DialogManager, event_id: str
) -> None:
    """One of the organizer's events: its title is the source, its first day the date."""
    person = person_of(manager)
    own = await services_of(manager).events.organized(person)
    event = next((o.event for o in own if str(o.event.id) == event_id), None)
    if event is None:
        return
    data = manager.dialog_data
    data["source"] = event.details.title
    data["event_id"] = event.id
    data["source_done"] = True
    starts = event.details.starts_at
    if starts is not None and "held_done" not in data:
        zone = event.details.timezone or person.timezone
        data["held_on"] = starts.astimezone(ZoneInfo(zone)).date().isoformat()
        data["held_done"] = True
    await go_on(manager)


async def on_held_on(message: Message, manager: DialogManager, value: str) -> None:
    try:
        day = parse_day(value)
    except BadMoment:
        set_error(manager, _("Please write the date as DD.MM.YYYY, e.g. 01.03.2023."))
        return
    manager.dialog_data["held_on"] = day.isoformat()
    manager.dialog_data["held_done"] = True
    await go_on(manager)


async def on_no_held_on(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["held_on"] = None
    manager.dialog_data["held_done"] = True
    await go_on(manager)


# ---------------------------------------------------------------------- the content


def _take(manager: DialogManager, imported: ImportedText) -> bool:
    """An import added to the draft (a paste of a long letter adds to the earlier ones);
    False with the problem shown when it holds no recommendation."""
    data = manager.dialog_data
    if not imported.count:
        set_error(manager, no_recommendations_text())
        return False
    sections = sections_of(manager)
    before = draft.count(sections)
    if before + imported.count > MAX_RECOMMENDATIONS:
        set_error(manager, too_many_text(before + imported.count))
        return False
    added = draft.add_import(sections, imported, data.get("addressed", []), untitled_section())
    data["addressed"] = sorted({*data.get("addressed", []), *(g.value for g in imported.addressed)})
    data["unplaced"] = [*data.get("unplaced", []), *imported.unplaced]
    data["content_done"] = True
    data.pop("review_done", None)
    data[FOCUS_KEY] = before + 1  # the review opens at the first one imported
    _clear(manager)
    data[NOTICE_KEY] = imported_text(added, draft.count(sections), person_of(manager).locale)
    return True


async def on_paste(message: Message, _w: Any, manager: DialogManager) -> None:
    if _take(manager, parse_text(message.text or "")):
        await manager.switch_to(S.review)


async def on_file(message: Message, _w: Any, manager: DialogManager) -> None:
    document = message.document
    assert document is not None
    name = document.file_name or ""
    try:
        if PurePath(name).suffix.lower() not in SUFFIXES:
            raise UnreadableFile(UnreadableReason.TYPE)
        if (document.file_size or 0) > MAX_UPLOAD_BYTES:
            raise UnreadableFile(UnreadableReason.TOO_BIG)
        try:
            downloaded = await bot_of(manager).download(document.file_id, io.BytesIO())
        except TelegramBadRequest as error:
            log.warning("could not download %s: %s", document.file_id, error)
            set_error(manager, _("The file could not be downloaded: please send it again."))
            return
        assert downloaded is not None
        imported = read_upload(name, downloaded.getvalue())
    except UnreadableFile as error:
        set_error(manager, upload_problem(error.reason, person_of(manager).locale))
        return
    if _take(manager, imported):
        await manager.switch_to(S.review)


async def on_not_content(message: Message, _w: Any, manager: DialogManager) -> None:
    set_error(manager, _("Please paste the text, or send a .txt, .csv or .docx file."))


async def on_one_by_one(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    sections_of(manager)
    manager.dialog_data["content_done"] = True
    _clear(manager)
    await manager.switch_to(S.review)


# ---------------------------------------------------------------------- the review


async def on_page(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    step = 1 if button.widget_id == "next_page" else -1
    manager.dialog_data["page"] = max(0, int(manager.dialog_data.get("page", 0)) + step)
    _clear(manager)


async def on_edit(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    """«Edit text», «Addressees», «Split», «Merge», «Delete»: which number comes next."""
    _clear(manager)
    if not draft.count(sections_of(manager)):
        set_error(manager, problem_text(RecProblem.NO_RECOMMENDATIONS))
        return
    manager.dialog_data["action"] = button.widget_id
    await manager.switch_to(S.pick)


async def on_add(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    _clear(manager)
    if draft.count(sections_of(manager)) >= MAX_RECOMMENDATIONS:
        set_error(manager, problem_text(RecProblem.TOO_MANY))
        return
    manager.dialog_data["action"] = "add"
    await manager.switch_to(S.add_text)


async def on_review_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    _clear(manager)
    sections = sections_of(manager)
    missing = draft.unaddressed(sections)
    if missing:
        set_error(manager, unaddressed_text(missing))
        return
    try:
        RecommendationsService.check(draft.draft_of({**data, "deadline": None}), now_of(manager))
    except InvalidRecSet as error:
        set_error(manager, problem_text(error.problem, error.position))
        return
    data["review_done"] = True
    await go_on(manager)


async def _set_groups_widget(manager: DialogManager, groups: list[str]) -> None:
    widget = manager.find(GROUPS_WIDGET)
    assert widget is not None
    await widget.reset_checked()  # type: ignore[attr-defined]
    for group in groups:
        await widget.set_checked(group, True)  # type: ignore[attr-defined]


async def on_pick(message: Message, manager: DialogManager, value: str) -> None:
    data = manager.dialog_data
    sections = sections_of(manager)
    total = draft.count(sections)
    number = int(value) if value.isascii() and value.isdecimal() and len(value) < 6 else 0
    if not 1 <= number <= total:
        set_error(
            manager,
            _("There is no recommendation «{value}»: send a number from 1 to {count}.").format(
                value=value, count=total
            ),
        )
        return
    action = data.get("action")
    data["number"] = number
    if action == "edit":
        await _after_pick(manager, S.edit_text)
    elif action == "split":
        await _after_pick(manager, S.split)
    elif action == "groups":
        rec = draft.rec_at(sections, number)
        assert rec is not None
        await _set_groups_widget(manager, rec["groups"])
        await _after_pick(manager, S.groups)
    elif action == "merge":
        if not draft.merge(sections, number):
            set_error(
                manager,
                _(
                    "Recommendation {number} is the last of its section: there is no next "
                    "one to merge it with."
                ).format(number=number),
            )
            return
        await _to_review(
            manager,
            _("🔀 Recommendations {number} and {next} are now one: {number}.").format(
                number=number, next=number + 1
            ),
            focus=number,
        )
    elif action == "delete":
        draft.delete(sections, number)
        await _to_review(
            manager,
            _("🗑 Recommendation {number} deleted.").format(number=number),
            focus=min(number, draft.count(sections)),
        )
    else:
        await _to_review(manager)


async def _after_pick(manager: DialogManager, state: Any) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(state)


async def on_new_text(message: Message, manager: DialogManager, value: str) -> None:
    number = int(manager.dialog_data.get("number", 0))
    if not draft.set_text(sections_of(manager), number, value):
        await _to_review(manager)
        return
    await _to_review(
        manager, _("✏️ Recommendation {number} changed.").format(number=number), focus=number
    )


async def on_split(message: Message, manager: DialogManager, value: str) -> None:
    number = int(manager.dialog_data.get("number", 0))
    parts = draft.split_parts(value)
    if len(parts) < 2:
        set_error(
            manager,
            _("Send at least two parts: one per line, or separated by blank lines."),
        )
        return
    for part in parts:
        if _checked(manager, part, REC_TEXT) is None:
            return
    if draft.count(sections_of(manager)) + len(parts) - 1 > MAX_RECOMMENDATIONS:
        set_error(manager, problem_text(RecProblem.TOO_MANY))
        return
    if not draft.split(sections_of(manager), number, parts):
        await _to_review(manager)
        return
    await _to_review(
        manager,
        _("✂️ Recommendation {number} is now {count}: {first} to {last}.").format(
            number=number, count=len(parts), first=number, last=number + len(parts) - 1
        ),
        focus=number,
    )


async def on_add_text(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["new_text"] = value
    manager.dialog_data["action"] = "add"
    await _set_groups_widget(manager, [])
    await _after_pick(manager, S.groups)


async def on_groups_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    widget = manager.find(GROUPS_WIDGET)
    assert widget is not None
    chosen = [Group(g).value for g in widget.get_checked()]  # type: ignore[attr-defined]
    if not chosen:
        set_error(manager, _("Choose at least one group."))
        return
    sections = sections_of(manager)
    if data.get("action") == "add" and data.get("new_text"):
        number = draft.add(sections, data.pop("new_text"), chosen, other_section())
        await _to_review(
            manager, _("➕ Recommendation {number} added.").format(number=number), focus=number
        )
        return
    number = int(data.get("number", 0))
    if not draft.set_groups(sections, number, chosen):
        await _to_review(manager)
        return
    await _to_review(
        manager,
        _("👥 Recommendation {number} is addressed to: {groups}.").format(
            number=number, groups=groups_text([Group(g) for g in chosen])
        ),
        focus=number,
    )


async def on_back_to_review(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop("new_text", None)
    await _to_review(manager)


# ---------------------------------------------------------------------- settings


async def on_deadline(message: Message, manager: DialogManager, value: str) -> None:
    moment = read_moment(manager, value, end_of_day=True)
    if moment is None:
        return
    now = now_of(manager)
    if moment <= now:
        set_error(manager, problem_text(RecProblem.DEADLINE_PAST))
        return
    if moment - now < MIN_DEADLINE:
        set_error(
            manager, _("Give the organizations at least a day to answer: a later date, please.")
        )
        return
    manager.dialog_data["deadline"] = moment.isoformat()
    manager.dialog_data["deadline_done"] = True
    await go_on(manager)


async def on_no_deadline(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["deadline"] = None
    manager.dialog_data["deadline_done"] = True
    await go_on(manager)


async def on_members(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["members"] = button.widget_id == "with_members"
    await go_on(manager)


async def on_reminders(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    manager.dialog_data["reminder_days"] = REMINDERS[button.widget_id]
    await go_on(manager)


# ---------------------------------------------------------------------- sending


async def on_send(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    person = person_of(manager)
    try:
        sent = await services_of(manager).recommendations.send(
            person, draft.draft_of(data), now_of(manager)
        )
    except InvalidRecSet as error:
        if error.problem == RecProblem.DEADLINE_PAST:
            key, state = "deadline_done", S.deadline
        else:
            key, state = "review_done", S.review
        _clear(manager)
        await back_to_step(manager, key, state, problem_text(error.problem, error.position))
        return
    await bot_of(manager).send_message(person.id, sent_text(sent.orgs, sent.people, person.locale))
    await back_to_menu(manager)
