from aiogram.fsm.state import State, StatesGroup


class NewPoll(StatesGroup):
    """/newpoll, an organizer's poll or questionnaire. Persisted names, do not rename."""

    question = State()  # a question's text
    kind = State()  # single, multiple, rating, free text
    options = State()  # a choice's options, one per line; «Other» on or off
    maximum = State()  # a multiple choice's maximum
    scale = State()  # a rating's scale
    questions = State()  # the questions so far: add, remove, done
    title = State()  # a questionnaire's title
    anonymous = State()
    audience = State()
    audience_themes = State()
    audience_countries = State()
    audience_kinds = State()
    audience_roles = State()
    audience_orgs = State()
    closes = State()
    remind = State()
    results = State()
    preview = State()
