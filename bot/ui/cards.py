"""Organization and expert cards, rendered in the current locale."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.domain.experts import ExpertProfile
from bot.domain.organizations import Organization
from bot.domain.people import Contact
from bot.locales import language_name
from bot.ui.countries import country_label
from bot.ui.html import Markup, html, lines
from bot.ui.organizations import kind_name
from bot.ui.themes import theme_name


def organization_card(org: Organization, *, contact: str | None = None) -> Markup:
    """Name, type, country and region, themes, description; `contact` when it may be shown."""
    parts: list[str | Markup] = [
        html("<b>{name}</b>", name=org.name),
        f"{kind_name(org.kind)} · {country_label(org.country)}, {org.region}",
        _("Themes: {themes}").format(themes="; ".join(theme_name(t) for t in org.themes)),
        "",
        org.description,
    ]
    if contact:
        parts += ["", _("Contact: {contact}").format(contact=contact)]
    return lines(parts)


def expert_card(profile: ExpertProfile) -> Markup:
    return lines(
        [
            _("Themes: {themes}").format(themes="; ".join(theme_name(t) for t in profile.themes)),
            _("Countries: {countries}").format(
                countries=", ".join(country_label(c) for c in profile.countries)
            ),
            _("Languages: {languages}").format(
                languages=", ".join(language_name(c) for c in profile.languages)
            ),
            "",
            profile.bio,
        ]
    )


def person_link(contact: Contact) -> Markup:
    """A mention that opens the person's Telegram profile."""
    link = html(
        '<a href="tg://user?id={id}">{label}</a>',
        id=contact.user_id,
        label=contact.name or str(contact.user_id),
    )
    return (
        html("{link} (@{username})", link=link, username=contact.username)
        if (contact.username)
        else link
    )
