"""Carrying out an admin's decision on an application: the service, the applicant's answer,
and what the admin is told. Shared by the card buttons and the rejection-reason dialog."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.i18n import gettext as _

from bot.services.experts import ExpertsService
from bot.services.organizations import OrganizationsService, Outcome
from bot.services.people import PeopleService, Person
from bot.ui.commands import publish_person_commands
from bot.ui.moderation import expert_outcome, org_outcome
from bot.ui.notify import Notifier


async def refresh_commands(data: dict, user_id: int) -> None:
    """Publish a person's command menu again after their roles changed."""
    people: PeopleService = data["people"]
    person = await people.find(user_id)
    if person is not None:
        await publish_person_commands(data["bot"], data["i18n"], person)


async def decide_organization(
    data: dict, admin: Person, org_id: int, approve: bool, reason: str | None, now: datetime
) -> str:
    """The text to show the admin."""
    service: OrganizationsService = data["organizations"]
    decision = await service.decide(admin, org_id, approve, reason, now)
    if decision.outcome is Outcome.GONE or decision.organization is None:
        return _("This application no longer exists.")
    org = decision.organization
    if decision.outcome is Outcome.ALREADY:
        return _("This application was already decided: {status}.").format(
            status=_("approved") if org.status == "approved" else _("rejected")
        )
    told = False
    if org.coordinator_id is not None:
        notifier: Notifier = data["notifier"]
        told = await notifier.send(org.coordinator_id, lambda: org_outcome(org)) is not None
        if approve:
            await refresh_commands(data, org.coordinator_id)
    return _admin_summary(approve, told)


def _admin_summary(approve: bool, told: bool) -> str:
    if not told:
        if approve:
            return _(
                "✅ Approved. The applicant could not be told: they have left or blocked the bot."
            )
        return _("✖ Rejected. The applicant could not be told: they have left or blocked the bot.")
    if approve:
        return _("✅ Approved. The applicant has been told.")
    return _("✖ Rejected. The applicant has been told the reason.")


async def decide_expert(
    data: dict, admin: Person, user_id: int, approve: bool, reason: str | None, now: datetime
) -> str:
    service: ExpertsService = data["experts"]
    outcome, profile = await service.decide(admin, user_id, approve, reason, now)
    if outcome is Outcome.GONE or profile is None:
        return _("This application no longer exists.")
    if outcome is Outcome.ALREADY:
        return _("This application was already decided: {status}.").format(
            status=_("approved") if profile.status == "approved" else _("rejected")
        )
    notifier: Notifier = data["notifier"]
    told = await notifier.send(user_id, lambda: expert_outcome(profile)) is not None
    if approve:
        await refresh_commands(data, user_id)
    return _admin_summary(approve, told)
