"""`csobot i18n extract|update|compile|check`: the gettext catalogs' upkeep, through Babel.

- extract: collect every text from the code into locales/messages.pot
- update:  merge the .pot into each language's .po (new languages are initialised)
- compile: build the .mo files (also done at start-up); fails on a broken catalog
- check:   fail when the code has a text the template lacks (extract was not run), when a
           catalog lacks a translation, has a fuzzy one, or a translation whose
           {placeholders} or HTML tags differ from the English text
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from bot.i18n import DOMAIN, LOCALES_DIR
from bot.locales import LANGUAGES

ROOT = LOCALES_DIR.parent
POT = LOCALES_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"
KEYWORDS = ["_", "__", "N_", "NP_:1,2", "T", "gettext", "lazy_gettext", "ngettext:1,2"]
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
_TAG = re.compile(r"</?[a-z][a-z-]*")


def _babel(*argv: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *argv])


def extract(output: Path = POT) -> None:
    args = [
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-o",
        str(output),
        "--no-location",
        "--sort-output",
        "--project",
        "csobot",
        "--omit-header",
    ]
    for keyword in KEYWORDS:
        args += ["-k", keyword]
    _babel(*args, str(ROOT))


def update() -> None:
    for language in LANGUAGES:
        po = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.exists():
            _babel("init", "-i", str(POT), "-d", str(LOCALES_DIR), "-D", DOMAIN, "-l", language)
    _babel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(LOCALES_DIR),
        "-D",
        DOMAIN,
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    _fill_source_language()


def _fill_source_language() -> None:
    """English is the language of the code: its catalog repeats every text as it is."""
    po = LOCALES_DIR / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=SOURCE_LANGUAGE)
    for message in catalog:
        if message.id and not (
            message.string if isinstance(message.string, str) else all(message.string)
        ):
            message.string = message.id
        message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog, width=100)


def compile_all() -> None:
    _babel("compile", "-d", str(LOCALES_DIR), "-D", DOMAIN)


def problems(path: Path = LOCALES_DIR) -> list[str]:
    """Every gap or inconsistency in the catalogs, one line each."""
    found = []
    with POT.open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "fresh.pot"
        extract(fresh)
        with fresh.open("rb") as f:
            in_code = {m.id for m in read_po(f) if m.id}
    for missing in sorted(in_code - template, key=str):
        found.append(f"template: a text in the code is not extracted yet: {missing!r}")
    for language in LANGUAGES:
        po = path / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.exists():
            found.append(f"{language}: no catalog")
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=language)
        present = {m.id for m in catalog if m.id}
        for missing in sorted(template - present, key=str):
            found.append(f"{language}: not in the catalog: {missing!r}")
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                found.append(f"{language}: untranslated or fuzzy: {ids[0]!r}")
                continue
            want_ph = set(_PLACEHOLDER.findall(ids[-1]))
            want_tags = sorted(_TAG.findall(ids[0]))
            for string in strings:
                if set(_PLACEHOLDER.findall(string)) != want_ph:
                    found.append(f"{language}: placeholders differ in {ids[0]!r}")
                if sorted(_TAG.findall(string)) != want_tags:
                    found.append(f"{language}: HTML tags differ in {ids[0]!r}")
    return found


def run_catalog_command(action: str) -> int:
    if action == "extract":
        extract()
    elif action == "update":
        extract()
        update()
    elif action == "compile":
        compile_all()
    elif action == "check":
        issues = problems()
        for line in issues:
            print(line, file=sys.stderr)
        if issues:
            print(f"{len(issues)} catalog problems", file=sys.stderr)
            return 1
        print("catalogs complete: " + ", ".join(LANGUAGES))
    return 0
