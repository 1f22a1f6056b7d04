"""The written parts of an organization's answer: the concrete answer «in part» and
«disagree» require, a commitment (what, then by when), a note on a commitment's
check-in. Each step opens from a button of a recommendation's screen (or a check-in);
the answer is saved through the service, which checks again that the person belongs to
an addressed organization and that the set is open. The screen's message then goes on to
the next recommendation, and a note below points at it."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Message, ReplyParameters
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Cancel

from bot.domain.recommendations import AnswerProblem, Verdict
from bot.services import text_input
from bot.services.moments import BadMoment, parse_day
from bot.services.recommendations import COMMITMENT, NOTE, WRITTEN
from bot.ui.recommendations import (
    checkin_card,
    checkin_saved,
    due_hint,
    next_recommendation_text,
    problem_text,
    reason_prompt,
)
from dialogs.common import bot_of, now_of, person_of, services_of, set_error, text_window
from dialogs.rec_answer.screens import screen
from dialogs.rec_answer.states import RecTyping
from dialogs.widgets import Html, T


def _data(manager: DialogManager) -> dict[str, Any]:
    return manager.start_data or {}  # type: ignore[return-value]


async def _save(
    manager: DialogManager,
    verdict: Verdict,
    text: str | None = None,
    commitment: str | None = None,
    due: date | None = None,
) -> None:
    data = _data(manager)
    person = person_of(manager)
    bot = bot_of(manager)
    result = await services_of(manager).recommendations.answer(
        person,
        int(data["set_id"]),
        int(data["org_id"]),
        int(data["rec_id"]),
        verdict,
        now_of(manager),
        text=text,
        commitment=commitment,
        due=due,
    )
    if result == AnswerProblem.BAD_DATE:
        set_error(manager, problem_text(result))
        return
    await manager.done()
    if isinstance(result, AnswerProblem):
        await bot.send_message(person.id, problem_text(result))
        return
    text_, markup = screen(result.progress, None, person)
    card_id = data.get("message_id")
    if card_id:
        with contextlib.suppress(TelegramBadRequest):
            await bot.edit_message_text(
                text_,
                chat_id=person.id,
                message_id=int(card_id),
                reply_markup=markup,  # type: ignore[arg-type]
            )
    progress = result.progress
    await bot.send_message(
        person.id,
        next_recommendation_text(progress.answered, len(progress.recommendations)),
        reply_parameters=ReplyParameters(message_id=int(card_id), allow_sending_without_reply=True)
        if card_id
        else None,
    )


async def on_reason(message: Message, manager: DialogManager, value: str) -> None:
    await _save(manager, Verdict(_data(manager)["verdict"]), text=value)


async def on_commitment(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["commitment"] = value
    await manager.switch_to(RecTyping.due)


async def on_due(message: Message, manager: DialogManager, value: str) -> None:
    try:
        due = parse_day(value)
    except BadMoment:
        set_error(manager, due_hint())
        return
    await _save(manager, Verdict.ACCEPT, commitment=manager.dialog_data["commitment"], due=due)


async def on_note(message: Message, manager: DialogManager, value: str) -> None:
    data = _data(manager)
    person = person_of(manager)
    bot = bot_of(manager)
    result = await services_of(manager).recommendations.checkin(
        person,
        int(data["set_id"]),
        int(data["org_id"]),
        int(data["rec_id"]),
        None,
        now_of(manager),
        note=value,
    )
    await manager.done()
    if isinstance(result, AnswerProblem):
        await bot.send_message(person.id, problem_text(result))
        return
    card_id = data.get("message_id")
    if card_id:
        text_, markup = checkin_card(
            result.rec_set,
            result.recommendation,
            int(data["org_id"]),
            result.org_name,
            result.commitment,
            person.locale,
        )
        with contextlib.suppress(TelegramBadRequest):
            await bot.edit_message_text(
                text_, chat_id=person.id, message_id=int(card_id), reply_markup=markup
            )
    await bot.send_message(
        person.id, checkin_saved(result.commitment, result.rec_set.checkin_days, person.locale)
    )


async def _getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    verdict = _data(dialog_manager).get("verdict", Verdict.DISAGREE.value)
    return {
        "reason": reason_prompt(Verdict(verdict)),
        "due_hint": due_hint(),
    }


def rec_typing_dialog() -> Dialog:
    return Dialog(
        text_window(
            RecTyping.reason,
            Html("{reason}"),
            "reason",
            WRITTEN,
            on_reason,
            Cancel(T("✖ Cancel")),
            multiline=True,
        ),
        text_window(
            RecTyping.commitment,
            T("🤝 What will your organization do to act on it?"),
            "commitment",
            COMMITMENT,
            on_commitment,
            Cancel(T("✖ Cancel")),
            multiline=True,
        ),
        text_window(
            RecTyping.due,
            Html("{due_hint}"),
            "due",
            text_input.MOMENT,
            on_due,
            Cancel(T("✖ Cancel")),
        ),
        text_window(
            RecTyping.note,
            T("✍️ Your note on how the commitment stands:"),
            "note",
            NOTE,
            on_note,
            Cancel(T("✖ Cancel")),
            multiline=True,
        ),
        getter=_getter,
    )
