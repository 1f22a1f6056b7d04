"""The notices services queue, as their readers see them: each rendered in the reader's
language and time zone (once per variant, by the outbox). Implements
`bot.services.notices.Notices`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n, ngettext

from bot.domain.consultations import Attachment, Consultation, Side, ThreadMessage
from bot.domain.digests import Digest, Summary
from bot.domain.events import AnswersSummary, Event, Reminder
from bot.domain.experts import ExpertProfile
from bot.domain.faq import Case
from bot.domain.organizations import Organization
from bot.domain.outbox import OutgoingMessage, Render, RenderPages
from bot.domain.people import Contact
from bot.domain.polls import Poll, PollResults, Question
from bot.domain.recommendations import Commitment, Recommendation, RecReport, RecSet
from bot.ui import (
    admin,
    consultations,
    digests,
    membership,
    moderation,
    partnerships,
    poll_lists,
    polls,
)
from bot.ui import events as ui_events
from bot.ui import faq as ui_faq
from bot.ui import recommendations as ui_recs
from bot.ui.html import html

Build = Callable[[str, str], tuple[str, InlineKeyboardMarkup | None] | str]


class RenderedNotices:
    def __init__(self, i18n: I18n) -> None:
        self._i18n = i18n

    def _render(self, build: Build) -> Render:
        def render(locale: str, zone: str) -> OutgoingMessage:
            # also outside an update (the scheduler's ticks): set the catalogs too
            with self._i18n.context(), self._i18n.use_locale(locale):
                built = build(locale, zone)
            text, markup = built if isinstance(built, tuple) else (built, None)
            return OutgoingMessage(
                str(text), markup.model_dump_json(exclude_none=True) if markup else None
            )

        return render

    # events

    def announcement(self, event: Event, answer: str | None = None) -> Render:
        return self._render(
            lambda locale, zone: (
                ui_events.event_card(
                    event.details,
                    locale,
                    zone,
                    response=answer,
                    cancelled=not event.published,
                ),
                ui_events.event_buttons(event, answer),
            )
        )

    def event_changed(self, before: Event, after: Event, answer: str | None) -> Render:
        return self._render(
            lambda locale, zone: (
                ui_events.changes_notice(before, after, locale, zone),
                ui_events.event_buttons(after, answer),
            )
        )

    def event_cancelled(self, event: Event) -> Render:
        return self._render(lambda locale, zone: ui_events.cancelled_notice(event, locale, zone))

    def promoted(self, event: Event) -> Render:
        return self._render(
            lambda locale, zone: (
                ui_events.promoted_notice(event, locale, zone),
                ui_events.event_buttons(event, "applied" if event.details.questions else "going"),
            )
        )

    def organizer_message(self, event: Event, text: str, answer: str | None) -> Render:
        return self._render(
            lambda locale, zone: (
                ui_events.organizer_message(event, text),
                ui_events.event_buttons(event, answer),
            )
        )

    def reminder(self, event: Event, reminder: Reminder) -> Render:
        return self._render(
            lambda locale, zone: (
                ui_events.reminder_text(event, reminder, locale, zone),
                ui_events.reminder_buttons(event),
            )
        )

    def new_answer(
        self,
        event: Event,
        name: str,
        username: str | None,
        answer: str,
        totals: dict[str, int],
    ) -> Render:
        return self._render(
            lambda locale, zone: ui_events.new_answer_notice(
                event, name, username, answer, totals, locale
            )
        )

    def answers_summary(self, summary: AnswersSummary) -> Render:
        return self._render(lambda locale, zone: ui_events.answers_summary_notice(summary, locale))

    # consultations

    def offer(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.offer_card(consultation))

    def offer_taken(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.offer_taken(consultation))

    def unmatched(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.unmatched_notice(consultation))

    def taken(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.taken_notice(consultation))

    def relayed(
        self,
        consultation: Consultation,
        author: Side,
        body: str,
        file: Attachment | None = None,
        reader: Side | None = None,
    ) -> Render:
        render = self._render(
            lambda locale, zone: consultations.relayed_message(consultation, author, body, reader)
        )
        if file is None:
            return render
        return lambda locale, zone: replace(
            render(locale, zone), file_kind=file.kind.value, file_id=file.file_id
        )

    def resolved(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.resolved_notice(consultation))

    def rated(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.rated_notice(consultation))

    def take_reminder(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.take_reminder(consultation))

    def assigned(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.assigned_card(consultation))

    def alert(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.alert_notice(consultation))

    def answer_reminder(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.answer_reminder(consultation))

    def back_in_queue(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.back_in_queue(consultation))

    def taken_away(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.taken_away(consultation))

    def expert_left(self, consultation: Consultation) -> Render:
        return self._render(lambda locale, zone: consultations.expert_left(consultation))

    def contact_asked(self, consultation: Consultation, by: Side) -> Render:
        return self._render(lambda locale, zone: consultations.contact_asked(consultation, by))

    def contacts(self, consultation: Consultation, other: Contact, reader: Side) -> Render:
        return self._render(
            lambda locale, zone: consultations.contacts_notice(consultation, other, reader)
        )

    def passed(
        self, consultation: Consultation, thread: list[ThreadMessage], reader: Side
    ) -> Render:
        return self._render(
            lambda locale, zone: consultations.passed_notice(consultation, thread, reader)
        )

    # polls

    def poll_question(self, poll: Poll, question: Question, chosen: tuple[int, ...]) -> Render:
        return self._render(
            lambda locale, zone: polls.question_card(poll, question, chosen, locale, zone)
        )

    def poll_reminder(self, poll: Poll, question: Question) -> Render:
        return self._render(lambda locale, zone: polls.reminder_card(poll, question, locale, zone))

    def poll_results(self, results: PollResults) -> Render:
        return self._render(lambda locale, zone: poll_lists.results_notice(results, locale))

    # recommendation follow-ups

    def rec_invitation(self, rec_set: RecSet) -> Render:
        return self._render(lambda locale, zone: ui_recs.invitation_card(rec_set, locale, zone))

    def rec_reminder(self, rec_set: RecSet) -> Render:
        return self._render(lambda locale, zone: ui_recs.reminder_card(rec_set, locale, zone))

    def rec_checkin(
        self,
        rec_set: RecSet,
        rec: Recommendation,
        org_id: int,
        org_name: str,
        commitment: Commitment,
    ) -> Render:
        return self._render(
            lambda locale, zone: ui_recs.checkin_card(
                rec_set, rec, org_id, org_name, commitment, locale
            )
        )

    def rec_overdue(
        self, rec_set: RecSet, rec: Recommendation, org_name: str, commitment: Commitment
    ) -> Render:
        return self._render(
            lambda locale, zone: ui_recs.overdue_card(rec_set, rec, org_name, commitment, locale)
        )

    def rec_summary(self, report: RecReport) -> Render:
        return self._render(lambda locale, zone: ui_recs.summary_text(report, locale))

    # moderation

    def organization_review(self, org: Organization, applicant: Contact) -> Render:
        return self._render(
            lambda locale, zone: moderation.org_review_card(
                org, moderation.applicant_mention(applicant)
            )
        )

    def expert_review(self, profile: ExpertProfile, applicant: Contact) -> Render:
        return self._render(
            lambda locale, zone: moderation.expert_review_card(
                profile, moderation.applicant_mention(applicant)
            )
        )

    def organization_decided(self, org: Organization) -> Render:
        return self._render(lambda locale, zone: moderation.org_outcome(org))

    def expert_decided(self, profile: ExpertProfile) -> Render:
        return self._render(lambda locale, zone: moderation.expert_outcome(profile))

    # membership

    def join_request(self, org: Organization, request_id: int, name: str) -> Render:
        return self._render(
            lambda locale, zone: membership.join_request_card(org, request_id, name)
        )

    def join_decided(self, org: Organization, accepted: bool) -> Render:
        return self._render(lambda locale, zone: membership.join_outcome(org, accepted))

    def new_coordinator(self, org: Organization) -> Render:
        return self._render(lambda locale, zone: membership.new_coordinator(org))

    # partnerships

    def partnership_proposed(
        self,
        proposer: Organization,
        target: Organization,
        partnership_id: int,
        note: str | None = None,
    ) -> Render:
        return self._render(
            lambda locale, zone: partnerships.proposal_card(proposer, target, partnership_id, note)
        )

    def partnership_declined(self, decliner: Organization) -> Render:
        return self._render(lambda locale, zone: partnerships.declined_message(decliner))

    def partnership_agreed(self, partner: Organization, contact: Contact | None) -> Render:
        return self._render(lambda locale, zone: partnerships.contacts_message(partner, contact))

    # knowledge base

    def faq_consent(self, case: Case) -> Render:
        return self._render(lambda locale, zone: ui_faq.expert_question(case))

    # digests

    def _pages(
        self, build: Callable[[str, str], list[tuple[str, InlineKeyboardMarkup]]]
    ) -> RenderPages:
        def render(locale: str, zone: str) -> list[OutgoingMessage]:
            with self._i18n.context(), self._i18n.use_locale(locale):
                built = build(locale, zone)
            return [
                OutgoingMessage(str(text), markup.model_dump_json(exclude_none=True))
                for text, markup in built
            ]

        return render

    def digest(self, digest: Digest, now: datetime) -> RenderPages:
        return self._pages(lambda locale, zone: digests.digest_pages(digest, now, locale, zone))

    def summary(self, summary: Summary, now: datetime) -> RenderPages:
        return self._pages(lambda locale, zone: digests.summary_pages(summary, now, locale, zone))

    # operations

    def error_alert(self, kind: str, count: int) -> Render:
        return self._render(
            lambda locale, zone: html(
                ngettext(
                    "⚠️ {count} error the bot did not expect: <code>{kind}</code>. The log "
                    "has the details.",
                    "⚠️ {count} errors the bot did not expect since it last said so: "
                    "<code>{kind}</code>. The log has the details.",
                    count,
                ),
                kind=kind,
                count=count,
            )
        )

    # the admins' console

    def appointed(self, role: str, invited: bool) -> Render:
        return self._render(lambda locale, zone: admin.appointed_notice(role, invited))

    def role_removed(self, role: str) -> Render:
        return self._render(lambda locale, zone: admin.removed_notice(role))

    def appointment_link_used(self, role: str, name: str) -> Render:
        return self._render(lambda locale, zone: admin.link_used_notice(role, name))

    def admin_broadcast(self, text: str) -> Render:
        return self._render(lambda locale, zone: admin.broadcast_message(text))
