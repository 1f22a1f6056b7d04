from aiogram.fsm.state import State, StatesGroup


class Settings(StatesGroup):
    """Language and country; persisted names, do not rename without a migration."""

    language = State()
    country = State()
