"""The consultation desk: a member asks, the matching experts are offered the request,
the first Take wins, the bot relays the conversation, the member resolves and rates it.
Each action is one transaction with the notices it causes (the outbox)."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.consultations import ConsultationsRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.consultations import (
    ALERT,
    ANSWER_REMINDER,
    CONTACT_ASKED,
    CONTACTS,
    EXPERT_LEFT,
    HANDED_BACK,
    MAX_OPEN_PER_PERSON,
    MAX_QUESTION_FILES,
    OFFER,
    OFFER_TAKEN,
    PASSED,
    RELAYED,
    RESOLVED,
    RETURNED,
    TAKE_REMINDER,
    TAKEN,
    UNMATCHED,
    Asked,
    Consultation,
    ContactShare,
    DeskTimes,
    Draft,
    FileProblem,
    IncomingFile,
    InvalidFile,
    Refused,
    Relayed,
    Side,
    ThreadMessage,
    checked_file,
)
from bot.domain.errors import InvalidChoice
from bot.domain.limits import Action
from bot.domain.notifications import PERSONAL
from bot.domain.outbox import Recipient
from bot.domain.people import Contact, Person
from bot.roles import Role
from bot.services.access import refuse
from bot.services.limits import Limits
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.text_input import CONSULTATION_QUESTION, MESSAGE, clean_caption, clean_text


class ConsultationsService:
    def __init__(
        self,
        db: Database,
        consultations: ConsultationsRepository,
        experts: ExpertsRepository,
        users: UsersRepository,
        outbox: Outbox,
        notices: Notices,
        times: DeskTimes | None = None,
        *,
        limits: Limits | None = None,
    ) -> None:
        self._limits = limits
        self._times = times or DeskTimes()
        self._db = db
        self._consultations = consultations
        self._experts = experts
        self._users = users
        self._outbox = outbox
        self._notices = notices

    async def ask(
        self, person: Person, draft: Draft, display_name: str, now: datetime
    ) -> Asked | Refused:
        """The request is stored and offered to every matching expert; with none, the
        organizers are told at once. Its photos and documents reach the expert who takes
        it (not every expert offered it)."""
        if len(draft.files) > MAX_QUESTION_FILES:
            raise InvalidFile(FileProblem.TOO_MANY)
        draft = Draft(
            draft.theme,
            draft.country,
            draft.language,
            clean_text(draft.question, CONSULTATION_QUESTION),
            draft.anonymous,
            draft.files,
        )
        async with self._db.transaction():
            if await self._consultations.open_count(person.id) >= MAX_OPEN_PER_PERSON:
                return Refused.TOO_MANY
            if self._limits is not None:
                await self._limits.spend(person, Action.ASK, now)
            consultation_id = await self._consultations.create(person.id, display_name, draft, now)
            for sent in draft.files:
                await self._consultations.add_message(
                    consultation_id,
                    Side.ASKER,
                    person.id,
                    clean_caption(sent.caption),
                    now,
                    sent.file,
                )
            consultation = await self._consultations.get(consultation_id)
            assert consultation is not None
            experts = await self._consultations.matching_experts(draft, excluding=person.id)
            offered = 0
            if experts:
                # experts who turned offers off (or keep them for their digest) are not told
                offered = await self._queue(OFFER, consultation, experts, self._notices.offer, now)
            if not offered:
                organizers = [
                    uid for uid in await self._users.with_role("organizer") if uid != person.id
                ]
                await self._queue(UNMATCHED, consultation, organizers, self._notices.unmatched, now)
        return Asked(consultation, offered)

    async def _queue(self, kind, consultation, user_ids, render_of, now) -> int:  # type: ignore[no-untyped-def]
        queued = await self._outbox.queue(
            kind,
            user_ids,
            render_of(consultation),
            now,
            subject_id=consultation.id,
            about_user_id=consultation.asker_id,
        )
        return queued.count

    async def take(
        self, person: Person, consultation_id: int, now: datetime
    ) -> Consultation | Refused:
        """Exactly one expert wins a request; the asker is told, and the other experts'
        cards say it was taken."""
        async with self._db.transaction():
            consultation = await self._consultations.get(consultation_id)
            if consultation is None:
                return Refused.GONE
            if consultation.status == "resolved":
                return Refused.NOT_OPEN
            if consultation.status != "open":
                return Refused.TAKEN if consultation.expert_id != person.id else consultation
            if not await self._fits(person, consultation):
                return Refused.NOT_MATCHING
            if not await self._consultations.take(consultation_id, person.id, now):
                return Refused.TAKEN
            taken = await self._consultations.get(consultation_id)
            assert taken is not None
            await self._queue(TAKEN, taken, [taken.asker_id], self._notices.taken, now)
            await self._send_files(taken, person.id, now)
            # offers and reminders not out yet stay unsent; the delivered ones say "taken"
            for kind in (OFFER, TAKE_REMINDER):
                await self._outbox.cancel_about(kind, consultation_id, now)
                others = [
                    d
                    for d in await self._outbox.delivered(kind, consultation_id)
                    if d.user_id != person.id
                ]
                if others:
                    await self._outbox.queue_to(
                        OFFER_TAKEN,
                        [Recipient(d.user_id, edit_message_id=d.message_id) for d in others],
                        lambda _segment: self._notices.offer_taken(taken),
                        now,
                        subject_id=consultation_id,
                        about_user_id=taken.asker_id,
                    )
        return taken

    async def _fits(self, person: Person, consultation: Consultation) -> bool:
        """An approved, available expert (not the asker) whose profile matches the request,
        or to whom an organizer offered it."""
        profile = await self._experts.get(person.id)
        if (
            profile is None
            or profile.status != "approved"
            or not profile.available
            or person.id == consultation.asker_id
        ):
            return False
        matches = (
            consultation.theme in profile.themes
            and consultation.country in profile.countries
            and consultation.language in profile.languages
        )
        return matches or await self._outbox.was_sent(OFFER, consultation.id, person.id)

    async def _send_files(self, consultation: Consultation, expert_id: int, now: datetime) -> None:
        """The photos and documents of the thread so far, to the expert who now has it."""
        for message in await self._consultations.thread(consultation.id):
            if message.file is None:
                continue
            await self._outbox.queue(
                RELAYED,
                [expert_id],
                self._notices.relayed(
                    consultation, Side(message.author), message.body, message.file, Side.EXPERT
                ),
                now,
                subject_id=consultation.id,
                about_user_id=consultation.asker_id,
            )

    # ------------------------------------------------------------------ the expert's side

    async def hand_back(
        self, person: Person, consultation_id: int, now: datetime
    ) -> Consultation | Refused:
        """The expert gives the request back: the asker is told, and the other matching
        experts are offered it again."""
        async with self._db.transaction():
            _consultation, side = await self.side_of(person, consultation_id)
            if side != Side.EXPERT:
                raise InvalidChoice(f"hand back consultation {consultation_id} as asker")
            if not await self._consultations.give_back(consultation_id, person.id, now):
                return Refused.NOT_OPEN
            back = await self._consultations.get(consultation_id)
            assert back is not None
            await self._queue(HANDED_BACK, back, [back.asker_id], self._notices.back_in_queue, now)
            await self._offer_again(back, (person.id,), now)
        return back

    async def _offer_again(
        self, consultation: Consultation, excluding: tuple[int, ...], now: datetime
    ) -> int:
        experts = await self._consultations.matching_experts_of(consultation.id, excluding)
        if experts:
            offered = await self._queue(OFFER, consultation, experts, self._notices.offer, now)
            if offered:
                return offered
        organizers = [
            uid for uid in await self._users.with_role("organizer") if uid != consultation.asker_id
        ]
        await self._queue(UNMATCHED, consultation, organizers, self._notices.unmatched, now)
        return 0

    async def pass_candidates(self, person: Person, consultation_id: int) -> list[int]:
        """The other experts the request matches, whom its expert may pass it to."""
        consultation, side = await self.side_of(person, consultation_id)
        if side != Side.EXPERT:
            raise InvalidChoice(f"pass consultation {consultation_id} as asker")
        return await self._consultations.matching_experts_of(consultation.id, (person.id,))

    async def bios(self, user_ids: list[int]) -> dict[int, str]:
        """What experts wrote about themselves (how one expert tells the others apart)."""
        found = {}
        for uid in user_ids:
            profile = await self._experts.get(uid)
            if profile is not None:
                found[uid] = profile.bio
        return found

    async def pass_to(
        self, person: Person, consultation_id: int, to: int, now: datetime
    ) -> Consultation | Refused:
        """The expert passes the request to another matching expert, who gets the thread;
        the asker is told."""
        async with self._db.transaction():
            if to not in await self.pass_candidates(person, consultation_id):
                raise InvalidChoice(f"pass consultation {consultation_id} to {to}")
            if not await self._consultations.pass_to(consultation_id, person.id, to, now):
                return Refused.NOT_OPEN
            passed = await self._consultations.get(consultation_id)
            assert passed is not None
            thread = await self._consultations.thread(consultation_id)
            await self._outbox.queue_to(
                PASSED,
                [Recipient(to, Side.EXPERT), Recipient(passed.asker_id, Side.ASKER)],
                lambda side: self._notices.passed(passed, thread, Side(side)),
                now,
                subject_id=consultation_id,
                about_user_id=passed.asker_id,
            )
            await self._send_files(passed, to, now)
        return passed

    # ------------------------------------------------------------------ organizers

    def _check_organizer(self, person: Person, action: str) -> None:
        if not person.has_any(Role.ORGANIZER, Role.ADMIN):
            raise refuse(person, action)

    async def assignable(
        self, person: Person, consultation_id: int
    ) -> tuple[Consultation, dict[int, str]]:
        """An open request and the experts an organizer may offer it to (every approved,
        available expert but the asker), with what they wrote about themselves."""
        self._check_organizer(person, "list experts for a consultation")
        consultation = await self._consultations.get(consultation_id)
        if consultation is None:
            raise InvalidChoice(f"consultation {consultation_id}")
        experts = [
            p.user_id
            for p in await self._experts.with_status("approved")
            if p.available and p.user_id != consultation.asker_id
        ]
        return consultation, await self.bios(experts)

    async def assign(
        self, person: Person, consultation_id: int, expert_id: int, now: datetime
    ) -> Consultation | Refused:
        """An organizer offers a request no matching expert took to an expert of their
        choice, who may then take it."""
        async with self._db.transaction():
            consultation, experts = await self.assignable(person, consultation_id)
            if expert_id not in experts:
                raise InvalidChoice(f"assign consultation {consultation_id} to {expert_id}")
            if consultation.status != "open":
                return Refused.TAKEN
            await self._outbox.queue(
                OFFER,
                [expert_id],
                self._notices.assigned(consultation),
                now,
                subject_id=consultation.id,
                about_user_id=consultation.asker_id,
                treat=PERSONAL,  # an organizer chose this expert for it
            )
        return consultation

    # ------------------------------------------------------------------ nothing forgotten

    async def send_due(self, now: datetime) -> int:
        """Reminders and escalations that are due; each fires once (it is marked in the
        transaction that queues its messages), also with two ticks at once."""
        sent = 0
        t = self._times
        for column, status, since, after, act in (
            ("experts_reminded_at", "open", "opened_at", t.take_reminder, self._remind_experts),
            ("organizers_alerted_at", "open", "opened_at", t.alert, self._alert_organizers),
            ("expert_reminded_at", "taken", "taken_at", t.answer_reminder, self._remind_expert),
        ):
            before = now - after
            for consultation_id in await self._consultations.due(column, status, since, before):
                async with self._db.transaction():
                    # still due (checked again in the transaction that marks it)?
                    if not await self._consultations.mark(
                        consultation_id, column, status, since, before, now
                    ):
                        continue
                    consultation = await self._consultations.get(consultation_id)
                    assert consultation is not None
                    sent += await act(consultation, now)
        for consultation_id in await self._consultations.overdue(now - t.give_back):
            sent += await self._return_unanswered(consultation_id, now - t.give_back, now)
        return sent

    async def _remind_experts(self, consultation: Consultation, now: datetime) -> int:
        experts = await self._consultations.matching_experts_of(consultation.id, ())
        return await self._queue(
            TAKE_REMINDER, consultation, experts, self._notices.take_reminder, now
        )

    async def _alert_organizers(self, consultation: Consultation, now: datetime) -> int:
        organizers = [
            uid for uid in await self._users.with_role("organizer") if uid != consultation.asker_id
        ]
        return await self._queue(ALERT, consultation, organizers, self._notices.alert, now)

    async def _remind_expert(self, consultation: Consultation, now: datetime) -> int:
        assert consultation.expert_id is not None
        return await self._queue(
            ANSWER_REMINDER,
            consultation,
            [consultation.expert_id],
            self._notices.answer_reminder,
            now,
        )

    async def _return_unanswered(
        self, consultation_id: int, taken_before: datetime, now: datetime
    ) -> int:
        async with self._db.transaction():
            consultation = await self._consultations.get(consultation_id)
            if consultation is None or consultation.expert_id is None:
                return 0
            expert = consultation.expert_id
            if not await self._consultations.give_back(consultation_id, expert, now, taken_before):
                return 0  # answered, handed back, passed on or returned meanwhile
            back = await self._consultations.get(consultation_id)
            assert back is not None
            await self._queue(RETURNED, back, [back.asker_id], self._notices.back_in_queue, now)
            await self._queue(RETURNED, back, [expert], self._notices.taken_away, now)
            await self._offer_again(back, (expert,), now)
        return 1

    async def expert_leaves(self, expert_id: int, now: datetime) -> None:
        """An expert forgets themselves (/forget, in its transaction): each request they hold
        goes back to the queue, its asker is told, and it is offered again."""
        self._db.require_transaction()
        for consultation_id in await self._consultations.held_by(expert_id):
            if not await self._consultations.give_back(consultation_id, expert_id, now):
                continue
            back = await self._consultations.get(consultation_id)
            assert back is not None
            await self._queue(EXPERT_LEFT, back, [back.asker_id], self._notices.expert_left, now)
            await self._offer_again(back, (expert_id,), now)

    async def side_of(self, person: Person, consultation_id: int) -> tuple[Consultation, Side]:
        """The request and the person's side in it; InvalidChoice for anyone else (a
        forged button)."""
        consultation = await self._consultations.get(consultation_id)
        if consultation is not None:
            if consultation.asker_id == person.id:
                return consultation, Side.ASKER
            if consultation.expert_id == person.id:
                return consultation, Side.EXPERT
        raise InvalidChoice(f"consultation {consultation_id}")

    async def reply(
        self,
        person: Person,
        consultation_id: int,
        text: str | None,
        now: datetime,
        file: IncomingFile | None = None,
    ) -> Relayed | Refused:
        """One side's message (text, or a photo or a document with an optional caption),
        relayed to the other through the outbox. InvalidText or InvalidFile for what cannot
        be relayed."""
        attachment = checked_file(file) if file is not None else None
        body = clean_caption(text) if attachment is not None else clean_text(text, MESSAGE)
        async with self._db.transaction():
            consultation, side = await self.side_of(person, consultation_id)
            if consultation.status != "taken" or consultation.expert_id is None:
                return Refused.NOT_OPEN
            await self._consultations.add_message(
                consultation_id, side, person.id, body, now, attachment
            )
            other = consultation.expert_id if side == Side.ASKER else consultation.asker_id
            queued = await self._outbox.queue(
                RELAYED,
                [other],
                self._notices.relayed(consultation, side, body, attachment),
                now,
                subject_id=consultation_id,
                about_user_id=consultation.asker_id,
            )
        return Relayed(consultation, side, reached=queued.count > 0)

    async def share_contact(
        self, person: Person, consultation_id: int, contact: Contact, now: datetime
    ) -> ContactShare | Refused:
        """One side agrees to exchange Telegram contacts with the other. Nothing of theirs
        reaches the other side but the question whether they agree too; once both agree,
        each is sent the other's contact (as it was when they agreed)."""
        async with self._db.transaction():
            consultation, side = await self.side_of(person, consultation_id)
            if consultation.status == "open" or consultation.expert_id is None:
                return Refused.NOT_OPEN
            agreed = consultation.asker_agreed if side == Side.ASKER else consultation.expert_agreed
            if agreed:
                both = consultation.asker_agreed and consultation.expert_agreed
                return ContactShare.DONE if both else ContactShare.WAITING
            await self._consultations.agree_to_contact(consultation_id, side, contact)
            asker, expert = await self._consultations.contacts(consultation_id)
            now_agreed = await self._consultations.get(consultation_id)
            assert now_agreed is not None
            if asker is None or expert is None:
                other = consultation.expert_id if side == Side.ASKER else consultation.asker_id
                await self._queue(
                    CONTACT_ASKED,
                    now_agreed,
                    [other],
                    lambda c: self._notices.contact_asked(c, side),
                    now,
                )
                return ContactShare.ASKED
            # each message is about the person whose contact it carries: their /forget
            # takes it with them
            for reader, reader_side, shown in (
                (asker, Side.ASKER, expert),
                (expert, Side.EXPERT, asker),
            ):
                await self._outbox.queue(
                    CONTACTS,
                    [reader.user_id],
                    self._notices.contacts(now_agreed, shown, reader_side),
                    now,
                    subject_id=consultation_id,
                    about_user_id=shown.user_id,
                )
        return ContactShare.EXCHANGED

    async def resolve(
        self, person: Person, consultation_id: int, now: datetime
    ) -> Consultation | Refused:
        """The asker closes the request as resolved; the expert is told."""
        async with self._db.transaction():
            _asked, side = await self.side_of(person, consultation_id)
            if side != Side.ASKER:
                raise InvalidChoice(f"resolve consultation {consultation_id} as expert")
            if not await self._consultations.resolve(consultation_id, now):
                return Refused.NOT_OPEN
            resolved = await self._consultations.get(consultation_id)
            assert resolved is not None
            if resolved.expert_id is not None:
                await self._queue(
                    RESOLVED, resolved, [resolved.expert_id], self._notices.resolved, now
                )
        return resolved

    async def rate(
        self, person: Person, consultation_id: int, rating: int, now: datetime
    ) -> Consultation | Refused:
        """The asker rates a resolved request (again, to change it; a comment stays); the
        expert sees it."""
        if not 1 <= rating <= 5:
            raise InvalidChoice(f"rating {rating}")
        async with self._db.transaction():
            consultation = await self._asker_of_resolved(person, consultation_id)
            if consultation is None:
                return Refused.NOT_OPEN
            return await self._rated(consultation, rating, consultation.rating_comment, now)

    async def comment(
        self, person: Person, consultation_id: int, text: str, now: datetime
    ) -> Consultation | Refused:
        """The asker's comment on their rating; the expert reads it with the rating."""
        comment = clean_text(text, MESSAGE)
        async with self._db.transaction():
            consultation = await self._asker_of_resolved(person, consultation_id)
            if consultation is None:
                return Refused.NOT_OPEN
            if consultation.rating is None:
                raise InvalidChoice(f"comment on unrated consultation {consultation_id}")
            return await self._rated(consultation, consultation.rating, comment, now)

    async def _asker_of_resolved(self, person: Person, consultation_id: int) -> Consultation | None:
        """The request, when the person asked it; None when it is not resolved."""
        consultation, side = await self.side_of(person, consultation_id)
        if side != Side.ASKER:
            raise InvalidChoice(f"rate consultation {consultation_id} as expert")
        return consultation if consultation.status == "resolved" else None

    async def _rated(
        self, consultation: Consultation, rating: int, comment: str | None, now: datetime
    ) -> Consultation:
        await self._consultations.rate(consultation.id, rating, comment)
        rated = await self._consultations.get(consultation.id)
        assert rated is not None
        if rated.expert_id is not None:
            await self._queue(RESOLVED, rated, [rated.expert_id], self._notices.rated, now)
        return rated

    async def thread(self, person: Person, consultation_id: int) -> list[ThreadMessage]:
        await self.side_of(person, consultation_id)
        return await self._consultations.thread(consultation_id)
