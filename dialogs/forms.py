"""The dialogs that hold answers not saved yet (forms): /start asks before throwing them
away, and a step opened from a message's button (writing a poll's answer, a reply in a
consultation) waits until the form is finished or cancelled."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup
from aiogram_dialog import DialogManager

from dialogs.apply.states import Apply
from dialogs.event_admin.states import EditEvent, MessageAll
from dialogs.expert.states import ExpertForm
from dialogs.moderation.states import Moderation
from dialogs.new_event.states import NewEvent
from dialogs.new_poll.states import NewPoll
from dialogs.new_recs.states import NewRecs
from dialogs.registration.states import Registration

FORMS: frozenset[type[StatesGroup]] = frozenset(
    {
        Registration,
        NewEvent,
        NewPoll,
        NewRecs,
        ExpertForm,
        Apply,
        EditEvent,
        MessageAll,
        Moderation,
    }
)
NOT_A_FORM: frozenset[State] = frozenset({ExpertForm.status})  # shows a saved profile


def current_state(manager: DialogManager) -> State | None:
    return manager.current_context().state if manager.has_context() else None


def in_a_form(state: State | None) -> bool:
    return state is not None and state.group in FORMS and state not in NOT_A_FORM
