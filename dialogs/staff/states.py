from aiogram.fsm.state import State, StatesGroup


class Staff(StatesGroup):
    """/organizers (admins). Persisted names, do not rename without a migration."""

    organizers = State()
    appoint = State()
    remove = State()
