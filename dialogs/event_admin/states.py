from aiogram.fsm.state import State, StatesGroup


class EditEvent(StatesGroup):
    """Editing a published event. Persisted names, do not rename."""

    menu = State()
    title = State()
    description = State()
    start = State()
    end = State()
    place = State()
    link = State()
    contact = State()
    capacity = State()
    apply_by = State()
    milestones = State()
    milestone_title = State()
    milestone_date = State()
    milestone_link = State()


class MessageAll(StatesGroup):
    """An organizer's message to everyone who answered an event."""

    text = State()
    confirm = State()
