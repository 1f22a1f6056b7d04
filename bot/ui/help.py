"""The help text: what this person's roles let them do here."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.people import Person
from bot.ui.commands import commands_for
from bot.ui.html import Markup, html, lines
from bot.ui.roles import role_names


def help_text(person: Person) -> Markup:
    parts: list[str | Markup] = [
        html(_("<b>Help</b>")),
        _(
            "This bot helps civil-society organizations of Central Asia find each other, "
            "consult experts and work together."
        ),
        "",
        ngettext("Your role: {roles}", "Your roles: {roles}", len(person.roles)).format(
            roles=role_names(person.roles)
        ),
        "",
        html(_("<b>Commands</b>")),
    ]
    parts += [f"/{c.name} — {_(c.description)}" for c in commands_for(person.roles)]
    parts += ["", _("Buttons under messages do the same with one tap.")]
    return lines(parts)
