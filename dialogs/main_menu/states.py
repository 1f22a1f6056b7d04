from aiogram.fsm.state import State, StatesGroup


class MainMenu(StatesGroup):
    """Persisted names, do not rename without a migration."""

    main = State()
    help = State()
    leave = State()  # /start in the middle of a form: leave it, or go on with it
