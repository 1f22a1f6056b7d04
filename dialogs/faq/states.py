from aiogram.fsm.state import State, StatesGroup


class Faq(StatesGroup):
    """/faq, the knowledge base. Persisted names, do not rename without a migration."""

    themes = State()
    words = State()
    results = State()
    entry = State()
