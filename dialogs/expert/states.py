from aiogram.fsm.state import State, StatesGroup


class ExpertForm(StatesGroup):
    """/expert. Persisted names, do not rename without a migration."""

    status = State()
    themes = State()
    countries = State()
    languages = State()
    bio = State()
    summary = State()
