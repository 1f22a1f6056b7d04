"""One Router per capability: parse the update, check the role, call a service, render."""

from __future__ import annotations

from aiogram import F, Router
from aiogram_dialog.utils import CB_SEP

from handlers import (
    account,
    admin,
    chat_member,
    consultation_lists,
    consultations,
    digests,
    directory,
    errors,
    event_admin,
    events,
    faq,
    groups,
    membership,
    moderation,
    new_recs,
    partnerships,
    poll_lists,
    polls,
    rec_admin,
    recommendations,
    registration,
    settings,
    start,
)


def handlers_router() -> Router:
    router = Router(name="handlers")
    router.include_routers(
        errors.make_router(),
        groups.make_router(),  # first: nothing from a group reaches the others
        _capabilities(),
    )
    return router


def _capabilities() -> Router:
    """The capabilities' routers. A press on a dialog's button (most presses: its data
    starts with the dialog's intent, joined by `CB_SEP`) is none of theirs: it skips the
    whole subtree at once instead of being offered to each of their callback filters."""
    router = Router(name="capabilities")
    router.callback_query.filter(~F.data.contains(CB_SEP))
    router.include_routers(
        chat_member.make_router(),
        membership.make_router(),  # before start: /start join_<token>
        admin.make_router(),  # before start: /start appoint_<token>
        start.make_router(),
        settings.make_router(),
        moderation.make_router(),
        registration.make_router(),
        partnerships.make_router(),
        directory.make_router(),
        account.make_router(),
        events.make_router(),
        event_admin.make_router(),
        consultations.make_router(),
        faq.make_router(),
        consultation_lists.make_router(),
        polls.make_router(),
        poll_lists.make_router(),
        recommendations.make_router(),
        rec_admin.make_router(),
        new_recs.make_router(),
        digests.make_router(),
    )
    return router
