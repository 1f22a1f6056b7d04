"""Walks shared by the consultation desk's tests: becoming an approved expert and asking
through /ask, done as people do it."""

from __future__ import annotations

from bot.sandbox.emulator import Message
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from tests.flows import card_for, onboard

DATA = "Data-driven advocacy"
QUESTION = "How do we publish a survey of our members without exposing who answered what?"


async def expert(
    sandbox: SandboxHarness,
    boss: SandboxUser,
    user_id: int,
    name: str,
    bio: str,
    country: str = "Kazakhstan",
    *,
    theme: str = DATA,
) -> SandboxUser:
    """A person onboarded in `country` who offers `theme` there in English, approved."""
    person = await onboard(sandbox, user_id, name, country)
    await write_expert_profile(person, bio, country, theme=theme)
    await boss.press("✅ Approve", card_for(boss, bio))
    return person


async def write_expert_profile(
    person: SandboxUser, bio: str, country: str = "Kazakhstan", *, theme: str = DATA
) -> None:
    """/expert to the end: `theme` in `country`, in English, with `bio`, submitted."""
    await person.send("/expert")
    await person.press(theme)
    await person.press("Done »")
    await person.press(country)
    await person.press("Done »")
    await person.press("English")
    await person.press("Done »")
    await person.send(bio)
    await person.press("📨 Submit")


async def ask(
    member: SandboxUser,
    question: str = QUESTION,
    *,
    theme: str = DATA,
    country: str = "Kazakhstan",
    anonymous: bool = False,
    photos: int = 0,
) -> None:
    """/ask to the end, with `photos` photos sent on the step for files."""
    await member.send("/ask")
    await member.press(theme)
    await member.press(country)
    await member.press("English")
    await member.send(question)
    for _ in range(photos):
        await member.send_photo()
    await member.press("Continue »")
    await member.press("🕶 Anonymously" if anonymous else "👤 With my name")
    await member.press("📨 Send")


async def write(person: SandboxUser, message: Message, text: str) -> None:
    """«↩️ Reply» under a message of a thread, the text, then «✔️ Done» (the step stays
    open for more until then)."""
    await person.press("↩️ Reply", message)
    await person.send(text)
    await person.press("✔️ Done")
