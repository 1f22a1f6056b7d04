from aiogram.fsm.state import State, StatesGroup


class RecTyping(StatesGroup):
    """Writing part of an organization's answer to a recommendation (opened from its
    screen's buttons) or a note on a commitment. Persisted names, do not rename."""

    reason = State()  # the concrete answer for «in part» / «disagree»
    commitment = State()  # what the organization will do
    due = State()  # by when
    note = State()  # a note on a commitment's check-in
