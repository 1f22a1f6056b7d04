"""Walks shared by the registration, directory and privacy tests, done as a user would."""

from __future__ import annotations

from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from tests.conftest import ADMIN_ID


async def first_start(person: SandboxUser) -> None:
    """/start for the first time, taking the language the bot guessed from the app's (the
    marked one); the country question comes next."""
    await person.send("/start")
    await person.press("✓ ")


async def onboard(sandbox: SandboxHarness, user_id: int, name: str, country: str = "Kyrgyzstan"):
    person = sandbox.user(user_id, name, "en")
    await first_start(person)
    await person.press(country)
    return person


async def admin(sandbox: SandboxHarness) -> SandboxUser:
    return await onboard(sandbox, ADMIN_ID, "Admin", "Kazakhstan")


async def register(
    person: SandboxUser,
    name: str,
    *,
    kind: str = "NGO",
    country: str = "Kyrgyzstan",
    region: str = "Naryn",
    themes: tuple[str, ...] = ("Youth",),
    description: str = "We help young women start businesses in the Naryn region.",
    contact: str | None = None,
    public: bool = False,
) -> None:
    await person.send("/register")
    await person.send(name)
    await person.press(kind)
    await person.press(country)
    await person.send(region)
    for theme in themes:
        await person.press(theme)
    await person.press("Done »")
    await person.send(description)
    if contact is None:
        await person.press("Skip »")
    else:
        await person.send(contact)
        await person.press("Yes, show it" if public else "No, keep it private")
    await person.press("📨 Submit")


def card_for(admin_user: SandboxUser, name: str):
    """The newest review card about `name` the admin received."""
    for message in reversed(admin_user.messages):
        if name in (message.text or "") and message.buttons():
            return message
    raise LookupError(f"no review card for {name!r}")


async def registered_org(
    sandbox: SandboxHarness, admin_user: SandboxUser, person: SandboxUser, name: str, **kw
) -> None:
    await register(person, name, **kw)
    await admin_user.press("✅ Approve", card_for(admin_user, name))


async def invite_link(coordinator: SandboxUser) -> str:
    """The deep-link argument of the coordinator's invite link."""
    await coordinator.send("/myorg")
    await coordinator.press("🔗 Invite link")
    link = next(w for w in coordinator.last.text.split() if "?start=" in w)
    return link.split("?start=")[1]


async def propose(
    person: SandboxUser, target: str, shown: int = 2, note: str | None = None
) -> None:
    """Find `target` (in Kyrgyzstan) in the directory and propose a partnership to it, with
    `note` or without one."""
    await person.send("/orgs")
    await person.press(f"🔎 Show {shown} organizations")
    await person.press(f"{target} · Kyrgyzstan")
    await person.press("🤝 Propose partnership")
    if "A partnership proposal to" not in person.last.text:
        return  # refused before the note (declined recently, proposed already)
    if note is None:
        await person.press("📨 Send without a note")
    else:
        await person.send(note)
