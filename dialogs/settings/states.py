from aiogram.fsm.state import State, StatesGroup


class Settings(StatesGroup):
    """/settings; persisted names, do not rename without a migration."""

    language = State()
    country = State()
    overview = State()
    timezone = State()
    digest = State()
    digest_day = State()
    digest_hour = State()
    quiet = State()
    quiet_from = State()
    quiet_until = State()
    kinds = State()
    themes = State()
    countries = State()
