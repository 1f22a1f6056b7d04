"""Escaping by construction: message texts are `Markup`, in which plain strings (anything
people typed) are always escaped.

Texts from the catalogs are trusted templates and may hold tags: `html(_("<b>{title}</b>"),
title=event.title)` escapes the title. Joining lines with `lines(...)` escapes every plain
string among them; a fragment already rendered (a `Markup`) is kept as it is. So a forgotten
`escape()` cannot happen: there is none to forget.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

__all__ = ["Markup", "escape", "html", "lines", "shorten"]


def html(template: str, /, **values: object) -> Markup:
    """A trusted template (a catalog text) filled with escaped values."""
    return Markup(template).format(**values)


def lines(parts: Iterable[str | Markup], sep: str = "\n") -> Markup:
    """Join the parts; plain strings among them are escaped."""
    return Markup(sep).join(parts)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters of plain text, ending with «…» when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"
