from aiogram.fsm.state import State, StatesGroup


class PollTyping(StatesGroup):
    """Writing an answer to a poll's question (a free text, or «Other»). Persisted names,
    do not rename."""

    text = State()
