from aiogram.fsm.state import State, StatesGroup


class AdminConsole(StatesGroup):
    """/admin. Persisted names, do not rename without a migration."""

    main = State()
    people = State()
    person = State()
    link = State()
    link_ready = State()
    broadcast = State()
    audience = State()
    audience_themes = State()
    audience_countries = State()
    audience_kinds = State()
    audience_roles = State()
    preview = State()
    progress = State()
    audit = State()
