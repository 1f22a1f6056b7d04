from aiogram.fsm.state import State, StatesGroup


class Directory(StatesGroup):
    """/orgs. Persisted names, do not rename without a migration."""

    filters = State()
    theme = State()
    country = State()
    kind = State()
    results = State()
    card = State()
    propose_from = State()
    note = State()  # the proposal's optional note, then it is sent
