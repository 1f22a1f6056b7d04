"""All services, built once per app and handed to handlers and dialogs as one typed
object (aiogram's workflow data `services`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.action_log import ActionLogRepository
from bot.db.repositories.admin_console import AdminConsoleRepository
from bot.db.repositories.appointments import AppointmentsRepository
from bot.db.repositories.audience import AudienceRepository
from bot.db.repositories.audit import AuditRepository
from bot.db.repositories.consultation_reports import ConsultationReportsRepository
from bot.db.repositories.consultations import ConsultationsRepository
from bot.db.repositories.digests import DigestsRepository
from bot.db.repositories.event_reminders import EventRemindersRepository
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.db.repositories.events import EventsRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.db.repositories.faq import FaqRepository
from bot.db.repositories.join_requests import JoinRequestsRepository
from bot.db.repositories.notification_settings import NotificationSettingsRepository
from bot.db.repositories.organizations import OrganizationsRepository
from bot.db.repositories.outbox import OutboxRepository
from bot.db.repositories.partnerships import PartnershipsRepository
from bot.db.repositories.personal_data import PersonalDataRepository
from bot.db.repositories.polls import PollsRepository
from bot.db.repositories.recommendations import RecommendationsRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.consultations import DeskTimes
from bot.services.admin_console import AdminConsoleService
from bot.services.consultation_reports import ConsultationReportsService
from bot.services.consultations import ConsultationsService
from bot.services.digests import DigestsService
from bot.services.event_answers import EventAnswersService
from bot.services.event_cards import AnnouncementCards
from bot.services.events import EventsService
from bot.services.experts import ExpertsService
from bot.services.exports import ExportsService
from bot.services.faq import FaqService
from bot.services.limits import Limits
from bot.services.membership import MembershipService
from bot.services.moderation import ModerationService
from bot.services.notices import Notices
from bot.services.notification_settings import NotificationSettingsService
from bot.services.organizations import OrganizationsService
from bot.services.outbox import Outbox
from bot.services.partnerships import PartnershipsService
from bot.services.people import PeopleService
from bot.services.polls import PollsService
from bot.services.privacy import PrivacyService
from bot.services.recommendations import RecommendationsService
from bot.services.reminders import RemindersService
from bot.services.staff import StaffService
from bot.services.waiting_list import WaitingList
from bot.timekeeping import Clock


@dataclass(frozen=True)
class Services:
    clock: Clock
    people: PeopleService
    outbox: Outbox
    organizations: OrganizationsService
    membership: MembershipService
    moderation: ModerationService
    experts: ExpertsService
    partnerships: PartnershipsService
    privacy: PrivacyService
    staff: StaffService
    admin: AdminConsoleService
    exports: ExportsService
    events: EventsService
    answers: EventAnswersService
    reminders: RemindersService
    consultations: ConsultationsService
    consultation_reports: ConsultationReportsService
    faq: FaqService
    polls: PollsService
    recommendations: RecommendationsService
    notifications: NotificationSettingsService
    digests: DigestsService
    limits: Limits

    def now(self) -> datetime:
        return self.clock()


def build_services(
    db: Database,
    notices: Notices,
    clock: Clock,
    *,
    admin_ids: frozenset[int],
    default_locale: str,
    default_timezone: str,
    desk_times: DeskTimes | None = None,
) -> Services:
    users = UsersRepository(db)
    outbox_rows = OutboxRepository(db)
    organizations = OrganizationsRepository(db)
    experts = ExpertsRepository(db)
    audit = AuditRepository(db)
    events = EventsRepository(db)
    responses = EventResponsesRepository(db)
    reminders = EventRemindersRepository(db)
    audience = AudienceRepository(db)
    appointments = AppointmentsRepository(db)
    outbox = Outbox(
        db, outbox_rows, default_locale=default_locale, default_timezone=default_timezone
    )
    cards = AnnouncementCards(db, responses, outbox, notices)
    waiting = WaitingList(db, responses, outbox, notices, cards)
    own = OrganizationsService(db, organizations, outbox, notices, admin_ids)
    limits = Limits(db, ActionLogRepository(db))
    settings = NotificationSettingsRepository(db)
    notifications = NotificationSettingsService(db, settings, users)
    desk = ConsultationsService(
        db, ConsultationsRepository(db), experts, users, outbox, notices, desk_times, limits=limits
    )
    return Services(
        clock=clock,
        people=PeopleService(
            db,
            users,
            outbox_rows,
            admin_ids=admin_ids,
            default_locale=default_locale,
            default_timezone=default_timezone,
            on_zone_change=notifications.zone_changed,
        ),
        outbox=outbox,
        organizations=own,
        membership=MembershipService(
            db, organizations, JoinRequestsRepository(db), own, outbox, notices
        ),
        moderation=ModerationService(db, organizations, experts, audit, outbox, notices),
        experts=ExpertsService(db, experts, outbox, notices, admin_ids, appointments),
        partnerships=PartnershipsService(
            db, PartnershipsRepository(db), organizations, own, outbox, notices
        ),
        privacy=PrivacyService(
            db,
            organizations,
            events,
            responses,
            PersonalDataRepository(db),
            waiting,
            desk,
            outbox,
            notices,
        ),
        staff=StaffService(users),
        admin=AdminConsoleService(
            db,
            AdminConsoleRepository(db),
            users,
            experts,
            appointments,
            audit,
            audience,
            desk,
            outbox,
            notices,
            admin_ids,
        ),
        exports=ExportsService(organizations),
        events=EventsService(
            db,
            events,
            responses,
            reminders,
            audience,
            outbox,
            notices,
            waiting,
            cards,
            limits=limits,
        ),
        answers=EventAnswersService(
            db, events, responses, audience, waiting, outbox, notices, cards
        ),
        reminders=RemindersService(db, events, responses, reminders, outbox, notices),
        consultations=desk,
        consultation_reports=ConsultationReportsService(
            ConsultationReportsRepository(db), ConsultationsRepository(db), experts, desk
        ),
        faq=FaqService(db, FaqRepository(db), outbox, notices),
        polls=PollsService(db, PollsRepository(db), audience, outbox, notices, limits=limits),
        recommendations=RecommendationsService(
            db, RecommendationsRepository(db), outbox, notices, limits=limits
        ),
        notifications=notifications,
        limits=limits,
        digests=DigestsService(
            db,
            DigestsRepository(db),
            settings,
            audience,
            outbox,
            notices,
            default_locale=default_locale,
            default_timezone=default_timezone,
        ),
    )
