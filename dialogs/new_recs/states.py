from aiogram.fsm.state import State, StatesGroup


class NewRecs(StatesGroup):
    """/newrecs, an organizer's recommendation set. Persisted names, do not rename."""

    title = State()
    source = State()
    held_on = State()
    content = State()  # paste the text, send a file, or enter one by one
    review = State()
    pick = State()  # which recommendation (a number) an edit is about
    edit_text = State()
    split = State()
    groups = State()
    add_text = State()
    deadline = State()
    members = State()
    reminders = State()
    preview = State()
