from aiogram.fsm.state import State, StatesGroup


class Apply(StatesGroup):
    """Filling in an event's application form. Persisted names, do not rename."""

    question = State()
    summary = State()
