"""/recs: the recommendations waiting for the person's organizations' answers; for
organizers and admins their sets, each one's report (answers by kind, every written
disagreement and partial acceptance, organizations' answer rates and commitments), its
CSV, a summary sent to every addressee, and withdrawing it. The service checks the role
and the set's owner on every press."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.csv_files import csv_bytes
from bot.domain.errors import InvalidChoice
from bot.domain.limits import Action
from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.callbacks import RecAdmin
from bot.ui.html import html, shorten
from bot.ui.recommendations import (
    confirm_delete,
    confirm_summary,
    deleted_text,
    history_csv,
    report_csv,
    report_view,
    summary_sent_text,
)
from dialogs.messages import recs_screen_of, send_recs
from handlers.replies import edit_in_place


def make_router() -> Router:
    router = Router(name="rec_admin")
    router.message.register(recs, Command("recs"), F.chat.type == "private")
    router.callback_query.register(view, RecAdmin.filter())
    return router


async def recs(message: Message, person: Person, services: Services, bot: Bot) -> None:
    await send_recs(bot, person, services)


async def view(
    query: CallbackQuery, callback_data: RecAdmin, person: Person, services: Services, bot: Bot
) -> None:
    recs_service = services.recommendations
    action = callback_data.action
    if action == "list":
        await query.answer()
        await edit_in_place(query, *await recs_screen_of(person, services))
        return
    set_id = callback_data.set_id
    if action == "csv":
        report, answers, names, commitments = await recs_service.export(person, set_id)
        await services.limits.spend(person, Action.EXPORT, services.now())
        await query.answer()
        await bot.send_document(
            person.id,
            BufferedInputFile(
                csv_bytes(*report_csv(report, answers, names, commitments)),
                f"recommendations-{set_id}.csv",
            ),
            caption=html("{title}", title=shorten(report.rec_set.title, 900)),
        )
        return
    if action == "history":
        report, history, names = await recs_service.revisions(person, set_id)
        await services.limits.spend(person, Action.EXPORT, services.now())
        await query.answer()
        await bot.send_document(
            person.id,
            BufferedInputFile(
                csv_bytes(*history_csv(report, history, names)),
                f"recommendations-{set_id}-revisions.csv",
            ),
            caption=html("{title}", title=shorten(report.rec_set.title, 900)),
        )
        return
    if action == "summary":
        report = await recs_service.report(person, set_id)
        await query.answer()
        await edit_in_place(query, *confirm_summary(report, callback_data.page, person.locale))
        return
    if action == "summary_yes":
        count = await recs_service.send_summary(person, set_id, services.now())
        await query.answer(summary_sent_text(count, person.locale), show_alert=True)
    elif action == "delete":
        rec_set = await recs_service.own_set(person, set_id)
        await query.answer()
        await edit_in_place(query, *confirm_delete(rec_set, callback_data.page))
        return
    elif action == "delete_yes":
        await recs_service.delete(person, set_id, services.now())
        await query.answer(deleted_text(), show_alert=True)
        await edit_in_place(query, *await recs_screen_of(person, services))
        return
    elif action != "open":
        raise InvalidChoice(f"recommendations view {action!r}")
    report = await recs_service.report(person, set_id)
    if action == "open":
        await query.answer()
    await edit_in_place(
        query, *report_view(report, callback_data.page, person.locale, person.timezone)
    )
