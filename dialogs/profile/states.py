from aiogram.fsm.state import State, StatesGroup


class Profile(StatesGroup):
    """/profile. Persisted names, do not rename without a migration."""

    main = State()


class Forget(StatesGroup):
    """/forget. Persisted names, do not rename without a migration."""

    handover = State()
    confirm = State()
