from aiogram.fsm.state import State, StatesGroup


class NewEvent(StatesGroup):
    """/newevent, an organizer's announcement. Persisted names, do not rename."""

    kind = State()
    title = State()
    description = State()
    start = State()
    end = State()
    confirmed = State()
    place = State()
    link = State()
    contact = State()
    milestones = State()
    milestone_title = State()
    milestone_date = State()
    milestone_link = State()
    audience = State()
    audience_themes = State()
    audience_countries = State()
    audience_kinds = State()
    audience_roles = State()
    capacity = State()
    form = State()
    question_text = State()
    question_options = State()
    apply_by = State()
    preview = State()
    zone = State()
