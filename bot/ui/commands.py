"""The bot's commands, who may use each, and their menus as Telegram shows them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aiogram.types import BotCommand
from aiogram.utils.i18n import I18n

from bot.i18n import N_
from bot.roles import Role


@dataclass(frozen=True)
class Command:
    name: str
    description: str  # an msgid, translated when shown
    roles: frozenset[Role] = frozenset({Role.MEMBER})

    def available_to(self, roles: Iterable[Role]) -> bool:
        return bool(self.roles & set(roles))


_ADMIN = frozenset({Role.ADMIN})
_COORDINATOR = frozenset({Role.COORDINATOR})
_EXPERT = frozenset({Role.EXPERT})
_ORGANIZER = frozenset({Role.ORGANIZER, Role.ADMIN})

COMMANDS: tuple[Command, ...] = (
    Command("start", N_("Main menu")),
    Command("help", N_("What this bot can do for you")),
    Command("events", N_("Upcoming events for you")),
    Command("polls", N_("Polls: answer yours, read the results of your own")),
    Command("recs", N_("Recommendations: your organization's answers, your sets' reports")),
    Command("ask", N_("Ask an expert")),
    Command("myrequests", N_("Your questions to experts and their answers")),
    Command("faq", N_("Answered questions, published without names")),
    Command("orgs", N_("Find organizations and partners")),
    Command("register", N_("Register your organization")),
    Command("myorg", N_("Your organization: members, invite link"), _COORDINATOR),
    Command("expert", N_("Offer your expertise")),
    Command("queue", N_("Requests for you to answer as an expert"), _EXPERT),
    Command("profile", N_("What the bot stores about you")),
    Command("settings", N_("What reaches you and when: digest, quiet hours, time zone")),
    Command("language", N_("Change the language")),
    Command("country", N_("Change your country and time zone")),
    Command("newevent", N_("Announce an event"), _ORGANIZER),
    Command("myevents", N_("Your events: answers, edits, messages"), _ORGANIZER),
    Command("newpoll", N_("Send a poll or a questionnaire"), _ORGANIZER),
    Command("newrecs", N_("Send recommendations and follow up the answers"), _ORGANIZER),
    Command("consultations", N_("Consultations: figures and CSV"), _ORGANIZER),
    Command("admin", N_("Admin console: figures, people, broadcast, audit log"), _ADMIN),
    Command("pending", N_("Applications waiting for review"), _ADMIN),
    Command("organizers", N_("Appoint and remove organizers"), _ADMIN),
    Command("export", N_("Export the directory as CSV"), _ADMIN),
    Command("forget", N_("Delete your data")),
    Command("cancel", N_("Stop what you are filling in")),
)


def commands_for(roles: Iterable[Role]) -> list[Command]:
    roles = set(roles)
    return [c for c in COMMANDS if c.available_to(roles)]


def bot_commands(i18n: I18n, roles: Iterable[Role], locale: str) -> list[BotCommand]:
    return [
        BotCommand(command=c.name, description=i18n.gettext(c.description, locale=locale))
        for c in commands_for(roles)
    ]
