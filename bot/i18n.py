"""gettext catalogs (compiled at start-up), aiogram's I18n, and the marker for deferred texts.

Texts are written in English in the code and translated through `locales/<lang>/LC_MESSAGES/
messages.po`. `.mo` files are build output: `compile_catalogs` writes them from the `.po`
files with Babel (pure Python) whenever a `.po` is newer.
"""

from __future__ import annotations

import os
from pathlib import Path

from aiogram.utils.i18n import (
    I18n,
    ngettext,  # noqa: F401 - re-exported for handlers
)
from aiogram.utils.i18n import gettext as _  # noqa: F401 - re-exported for handlers
from aiogram.utils.i18n import lazy_gettext as __  # noqa: F401 - re-exported for handlers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.locales import LANGUAGES

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a text for extraction; it is translated later, where it is shown."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular and plural pair for extraction without translating it (translated
    later with the count: `i18n.gettext(singular, plural, n)`)."""
    return singular, plural


def compile_catalogs(path: Path = LOCALES_DIR) -> list[Path]:
    """Write `.mo` next to each `.po` that is newer than its `.mo`; returns what was written."""
    written = []
    for language in LANGUAGES:
        po = path / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo = po.with_suffix(".mo")
        if not po.exists():
            continue
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
        # a name of this process's own: test workers may compile the same catalog at once
        tmp = mo.with_suffix(f".mo.{os.getpid()}.tmp")
        with tmp.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        tmp.replace(mo)
        written.append(mo)
    return written


def build_i18n(default_locale: str, path: Path = LOCALES_DIR) -> I18n:
    compile_catalogs(path)
    return I18n(path=path, default_locale=default_locale, domain=DOMAIN)
