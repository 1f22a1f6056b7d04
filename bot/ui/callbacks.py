"""Callback data of buttons that outlive a dialog (cards sent to other people). Each handler
re-checks the presser's role and relation to the object: the data can be forged."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class OrgReview(CallbackData, prefix="orev"):
    action: str  # approve | reject
    org_id: int


class ExpertReview(CallbackData, prefix="erev"):
    action: str  # approve | reject
    user_id: int


class JoinAnswer(CallbackData, prefix="join"):
    action: str  # accept | decline
    request_id: int


class PartnerAnswer(CallbackData, prefix="part"):
    action: str  # accept | decline
    partnership_id: int


class EventAction(CallbackData, prefix="ev"):
    action: str  # going | maybe | not_going | apply | withdraw | ics | open | cant | keep
    event_id: int


class EventsPage(CallbackData, prefix="evp"):
    page: int


class EventAdmin(CallbackData, prefix="eva"):
    action: str  # list | open | roster | edit | message | cancel | cancel_yes
    event_id: int


class OwnEventsPage(CallbackData, prefix="evo"):
    page: int


class PendingList(CallbackData, prefix="pend"):
    page: int


class PendingOpen(CallbackData, prefix="pendo"):
    subject: str  # org | expert
    id: int
    page: int


class ConsultationAction(CallbackData, prefix="cons"):
    action: str  # take | reply | resolve | rate
    consultation_id: int
    value: int = 0  # the rating, for rate


class FaqConsent(CallbackData, prefix="faq"):
    action: str  # yes | no | withdraw
    consultation_id: int


class RequestsList(CallbackData, prefix="crl"):
    view: str  # asked | take | mine (ListView)
    page: int


class RequestOpen(CallbackData, prefix="cro"):
    view: str  # the list it was opened from, for its Back button
    consultation_id: int
    page: int  # that list's page
    part: int = -1  # a part of a long thread; -1: the newest


class DeskFigures(CallbackData, prefix="crep"):
    action: str  # figures | open | csv
    page: int = 0


class PollAnswer(CallbackData, prefix="poll"):
    """A tap on a poll's question: `pick` an option (or a rating's point, as its index),
    `toggle` one of a multiple choice (`mask`: what is ticked so far, kept in the button,
    not in storage), `done` to send the ticked ones."""

    action: str  # pick | toggle | done
    poll_id: int
    question: int  # its position in the poll
    option: int = 0
    mask: int = 0


class PollView(CallbackData, prefix="pv"):
    """An organizer's /polls: `list` a page, `open` a poll's results at a question,
    `chart` that question's picture, `close` the poll now."""

    action: str  # list | open | chart | csv | close
    poll_id: int = 0
    question: int = 0
    page: int = 0
