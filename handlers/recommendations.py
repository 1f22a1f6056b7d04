"""Answering recommendations for one's organization: from the set's message (or /recs) the
next recommendation not answered opens, one screen each, edited in place as the answers
come; «in part», «disagree» and a commitment open a writing step; a commitment's check-in
is answered with a tap. The service checks on every tap that the person belongs to an
addressed organization and that the set is still open: the data comes from the client."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.domain.errors import InvalidChoice
from bot.domain.people import Person
from bot.domain.recommendations import AnswerProblem, CommitmentStatus, Verdict
from bot.services.container import Services
from bot.ui.callbacks import RecAction, RecCheckin, RecVerdict
from bot.ui.recommendations import (
    checkin_card,
    checkin_saved,
    choose_org,
    history_text,
    problem_text,
)
from dialogs.rec_answer.screens import screen
from dialogs.rec_answer.states import RecTyping
from handlers.replies import edit_in_place, open_step


def make_router() -> Router:
    router = Router(name="recommendations")
    router.callback_query.register(act, RecAction.filter())
    router.callback_query.register(verdict, RecVerdict.filter())
    router.callback_query.register(checkin, RecCheckin.filter())
    return router


async def act(
    query: CallbackQuery, callback_data: RecAction, person: Person, services: Services, bot: Bot
) -> None:
    recs = services.recommendations
    now = services.now()
    if callback_data.action == "answer" and not callback_data.org_id:
        found = await recs.orgs_for(person, callback_data.set_id, now)
        if isinstance(found, AnswerProblem):
            await query.answer(problem_text(found), show_alert=True)
            return
        rec_set, orgs = found
        if len(orgs) > 1:
            await query.answer()
            text, markup = choose_org(rec_set, [(o.id, o.name) for o in orgs])
            await bot.send_message(person.id, text, reply_markup=markup)
            return
        callback_data = RecAction(action="answer", set_id=rec_set.id, org_id=orgs[0].id)
    progress = await recs.progress(person, callback_data.set_id, callback_data.org_id, now)
    if isinstance(progress, AnswerProblem):
        await query.answer(problem_text(progress), show_alert=True)
        return
    if callback_data.action == "answer":
        await query.answer()
        text, markup = screen(progress, None, person)
        await bot.send_message(person.id, text, reply_markup=markup)  # type: ignore[arg-type]
        return
    if not 0 <= callback_data.position < len(progress.recommendations):
        raise InvalidChoice(f"recommendation position {callback_data.position}")
    if callback_data.action == "go":
        await query.answer()
        await edit_in_place(query, *screen(progress, callback_data.position, person))  # type: ignore[arg-type]
        return
    if callback_data.action == "history":
        rec = progress.recommendations[callback_data.position]
        history = await recs.history(person, callback_data.set_id, callback_data.org_id, rec.id)
        await query.answer()
        await bot.send_message(
            person.id, history_text(rec, history, person.locale, person.timezone)
        )
        return
    raise InvalidChoice(f"recommendation action {callback_data.action!r}")


async def verdict(
    query: CallbackQuery,
    callback_data: RecVerdict,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    """Accept and Not applicable are saved with the tap and the next recommendation
    opens in the same message; «in part», «disagree» and a commitment ask for words
    first."""
    try:
        chosen = Verdict(callback_data.verdict) if callback_data.verdict != "commit" else None
    except ValueError as error:
        raise InvalidChoice(f"verdict {callback_data.verdict!r}") from error
    now = services.now()
    if chosen is None or chosen.needs_text:
        progress = await services.recommendations.progress(
            person, callback_data.set_id, callback_data.org_id, now
        )
        if isinstance(progress, AnswerProblem):
            await query.answer(problem_text(progress), show_alert=True)
            return
        if callback_data.rec_id not in {r.id for r in progress.recommendations}:
            raise InvalidChoice(f"recommendation {callback_data.rec_id}")
        message_id = query.message.message_id if isinstance(query.message, Message) else None
        await open_step(
            query,
            dialog_manager,
            RecTyping.commitment if chosen is None else RecTyping.reason,
            {
                "set_id": callback_data.set_id,
                "org_id": callback_data.org_id,
                "rec_id": callback_data.rec_id,
                "verdict": (chosen or Verdict.ACCEPT).value,
                "message_id": message_id,
            },
        )
        return
    result = await services.recommendations.answer(
        person, callback_data.set_id, callback_data.org_id, callback_data.rec_id, chosen, now
    )
    if isinstance(result, AnswerProblem):
        await query.answer(problem_text(result), show_alert=True)
        return
    await query.answer("✓")
    await edit_in_place(query, *screen(result.progress, None, person))  # type: ignore[arg-type]


async def checkin(
    query: CallbackQuery,
    callback_data: RecCheckin,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    recs = services.recommendations
    if callback_data.status == "note":
        message_id = query.message.message_id if isinstance(query.message, Message) else None
        await open_step(
            query,
            dialog_manager,
            RecTyping.note,
            {
                "set_id": callback_data.set_id,
                "org_id": callback_data.org_id,
                "rec_id": callback_data.rec_id,
                "message_id": message_id,
            },
        )
        return
    try:
        status = CommitmentStatus(callback_data.status)
    except ValueError as error:
        raise InvalidChoice(f"commitment status {callback_data.status!r}") from error
    result = await recs.checkin(
        person,
        callback_data.set_id,
        callback_data.org_id,
        callback_data.rec_id,
        status,
        services.now(),
    )
    if isinstance(result, AnswerProblem):
        await query.answer(problem_text(result), show_alert=True)
        return
    await query.answer(
        checkin_saved(result.commitment, result.rec_set.checkin_days, person.locale),
        show_alert=True,
    )
    await edit_in_place(
        query,
        *checkin_card(
            result.rec_set,
            result.recommendation,
            callback_data.org_id,
            result.org_name,
            result.commitment,
            person.locale,
        ),
    )
