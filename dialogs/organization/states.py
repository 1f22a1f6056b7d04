from aiogram.fsm.state import State, StatesGroup


class MyOrganization(StatesGroup):
    """A coordinator's organization. Persisted names, do not rename without a migration."""

    choose = State()
    main = State()
    invite = State()
    members = State()
    member = State()
    edit_description = State()
    edit_contact = State()
    edit_consent = State()
    partnerships = State()  # proposals both ways, and partners
    partnership = State()  # one of them
