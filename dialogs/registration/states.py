from aiogram.fsm.state import State, StatesGroup


class Registration(StatesGroup):
    """Registering an organization. Persisted names, do not rename without a migration."""

    name = State()
    kind = State()
    country = State()
    region = State()
    themes = State()
    description = State()
    contact = State()
    consent = State()
    summary = State()
