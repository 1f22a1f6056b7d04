from aiogram.fsm.state import State, StatesGroup


class Moderation(StatesGroup):
    """An admin typing a rejection reason. Persisted names, do not rename."""

    reason = State()
