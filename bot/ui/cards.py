"""Organization and expert cards, rendered in the current locale. Everything people typed is
HTML-escaped here."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.db.repositories.experts import ExpertProfile
from bot.db.repositories.organizations import Organization
from bot.locales import language_name
from bot.ui.countries import country_label
from bot.ui.organizations import kind_name
from bot.ui.themes import theme_name


def organization_card(org: Organization, *, contact: str | None = None) -> str:
    """Name, type, country and region, themes, description; `contact` when it may be shown."""
    lines = [
        f"<b>{escape(org.name)}</b>",
        f"{kind_name(org.kind)} · {country_label(org.country)}, {escape(org.region)}",
        _("Themes: {themes}").format(themes="; ".join(theme_name(t) for t in org.themes)),
        "",
        escape(org.description),
    ]
    if contact:
        lines += ["", _("Contact: {contact}").format(contact=escape(contact))]
    return "\n".join(lines)


def expert_card(profile: ExpertProfile) -> str:
    return "\n".join(
        [
            _("Themes: {themes}").format(themes="; ".join(theme_name(t) for t in profile.themes)),
            _("Countries: {countries}").format(
                countries=", ".join(country_label(c) for c in profile.countries)
            ),
            _("Languages: {languages}").format(
                languages=", ".join(language_name(c) for c in profile.languages)
            ),
            "",
            escape(profile.bio),
        ]
    )


def person_link(user_id: int, name: str, username: str | None = None) -> str:
    """A mention that opens the person's Telegram profile."""
    label = escape(name) or str(user_id)
    link = f'<a href="tg://user?id={user_id}">{label}</a>'
    return f"{link} (@{escape(username)})" if username else link
