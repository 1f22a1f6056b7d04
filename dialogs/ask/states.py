from aiogram.fsm.state import State, StatesGroup


class Ask(StatesGroup):
    """/ask, a consultation request. Persisted names, do not rename."""

    theme = State()
    country = State()
    language = State()
    question = State()
    files = State()
    anonymous = State()
    summary = State()


class Consult(StatesGroup):
    """Writing a message in a consultation's thread (after «Reply»)."""

    reply = State()
    comment = State()  # the asker's comment on their rating
