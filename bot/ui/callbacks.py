"""Callback data of buttons that outlive a dialog (cards sent to other people). Each handler
re-checks the presser's role and relation to the object: the data can be forged."""

from __future__ import annotations

from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# What a button may carry: a forged number past SQLite's integers (or negative) does not
# match the button at all, and is answered as a button that is no longer valid.
Id = Annotated[int, Field(ge=0, lt=2**62)]


class OrgReview(CallbackData, prefix="orev"):
    action: str  # approve | reject
    org_id: Id


class ExpertReview(CallbackData, prefix="erev"):
    action: str  # approve | reject
    user_id: Id


class JoinAnswer(CallbackData, prefix="join"):
    action: str  # accept | decline
    request_id: Id


class PartnerAnswer(CallbackData, prefix="part"):
    action: str  # accept | decline
    partnership_id: Id


class EventAction(CallbackData, prefix="ev"):
    # going | maybe | not_going | apply | withdraw | ics | cant | keep | open (in place) |
    # show (as a new message)
    action: str
    event_id: Id


class EventsPage(CallbackData, prefix="evp"):
    page: Id


class EventAdmin(CallbackData, prefix="eva"):
    action: str  # list | open | roster | edit | message | cancel | cancel_yes
    event_id: Id


class OwnEventsPage(CallbackData, prefix="evo"):
    page: Id


class PendingList(CallbackData, prefix="pend"):
    page: Id


class PendingOpen(CallbackData, prefix="pendo"):
    subject: str  # org | expert
    id: Id
    page: Id


class ConsultationAction(CallbackData, prefix="cons"):
    action: str  # take | reply | resolve | rate
    consultation_id: Id
    value: Id = 0  # the rating, for rate


class FaqConsent(CallbackData, prefix="faq"):
    action: str  # yes | no | withdraw
    consultation_id: Id


class RequestsList(CallbackData, prefix="crl"):
    view: str  # asked | take | mine (ListView)
    page: Id


class RequestOpen(CallbackData, prefix="cro"):
    view: str  # the list it was opened from, for its Back button
    consultation_id: Id
    page: Id  # that list's page
    part: int = -1  # a part of a long thread; -1: the newest


class RequestShow(CallbackData, prefix="crs"):
    """The asker's thread of a request as a new message (from a digest)."""

    consultation_id: Id


class DeskFigures(CallbackData, prefix="crep"):
    action: str  # figures | open | csv
    page: Id = 0


class PollAnswer(CallbackData, prefix="poll"):
    """A tap on a poll's question: `pick` an option (or a rating's point, as its index),
    `toggle` one of a multiple choice (`mask`: what is ticked so far, kept in the button,
    not in storage), `done` to send the ticked ones."""

    action: str  # pick | toggle | done
    poll_id: Id
    question: Id  # its position in the poll
    option: Id = 0
    mask: Id = 0


class PollView(CallbackData, prefix="pv"):
    """An organizer's /polls: `list` a page, `open` a poll's results at a question,
    `chart` that question's picture, `close` the poll now."""

    action: str  # list | open | chart | csv | close | resume (a respondent's next question)
    poll_id: Id = 0
    question: Id = 0
    page: Id = 0
    texts: Id = 0  # the page of a question's written answers


class RecAction(CallbackData, prefix="rec"):
    """A recommendation set's button for its addressees: `answer` opens the next
    recommendation the organization has not answered (`org_id` 0: choose the
    organization first); `go` opens recommendation `position` of the organization's list;
    `history` shows the revisions of the answer to it."""

    action: str  # answer | go | history
    set_id: Id
    org_id: Id = 0
    position: Id = 0


class RecVerdict(CallbackData, prefix="rv"):
    """An organization's answer to one recommendation, from its screen."""

    set_id: Id
    org_id: Id
    rec_id: Id
    verdict: str  # accept | partial | disagree | not_applicable | commit


class RecCheckin(CallbackData, prefix="rci"):
    """How a commitment stands, from its check-in."""

    set_id: Id
    org_id: Id
    rec_id: Id
    status: str  # planned | in_progress | done | dropped | note


class RecAdmin(CallbackData, prefix="ra"):
    """An organizer's /recs: `list`, `open` a set's report (`page` of its
    recommendations), `csv`, `summary` (asks), `summary_yes`, `delete` (asks),
    `delete_yes`."""

    action: str
    set_id: Id = 0
    page: Id = 0


class OrgOpen(CallbackData, prefix="org"):
    """An organization's card in the directory (from a digest)."""

    org_id: Id


class SettingsOpen(CallbackData, prefix="set"):
    """The person's settings (from a digest or a summary)."""


class DigestOpen(CallbackData, prefix="dg"):
    """A digest's item that opens a screen of its own: `queue` (the requests an expert
    can take), `proposals` (organization `id`'s partnership proposals)."""

    what: str
    id: Id = 0
