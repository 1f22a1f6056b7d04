"""The languages the bot speaks and how a Telegram language code maps onto them."""

from __future__ import annotations

from babel import Locale

# Order of the language picker: Russian first (the region's lingua franca), then the
# national languages, then English.
LANGUAGES: tuple[str, ...] = ("ru", "kk", "ky", "tg", "tk", "uz", "en")


def match_language(language_code: str | None) -> str | None:
    """Our language for Telegram's `language_code` (e.g. "uz-Latn", "en-US"), or None."""
    if not language_code:
        return None
    base = language_code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


# CLDR writes Uzbek's oʻ with a quotation mark (U+2018); Uzbek spelling uses the modifier
# letter ʻ (U+02BB), as the catalog does.
_SPELLING = {"uz": str.maketrans({"\u2018": "\u02bb"})}


def language_name(code: str) -> str:
    """The language's own name for itself (an endonym), from CLDR via Babel."""
    name = Locale.parse(code).get_display_name(code) or code
    name = name.translate(_SPELLING.get(code, {}))
    return name[:1].upper() + name[1:]
