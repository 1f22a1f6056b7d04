"""Telegram's HTML parse mode, as strict as Telegram: the plain text and its entities, or the
same "can't parse entities" error Telegram answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.sandbox.errors import ApiError, bad_request

_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_ATTR = re.compile(r"""\s*([a-zA-Z-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _parse_error(text: str) -> ApiError:
    return bad_request(f"can't parse entities: {text}")


@dataclass
class _Open:
    name: str
    offset: int
    attrs: dict[str, str] = field(default_factory=dict)


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def parse_html(source: str) -> tuple[str, list[dict[str, object]]]:
    """Return (plain text, entities) or raise ApiError(400) like Telegram."""
    out: list[str] = []
    out_len = 0  # UTF-16 length of the text so far
    stack: list[_Open] = []
    entities: list[dict[str, object]] = []
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch == "<":
            close = source.find(">", i)
            if close == -1:
                raise _parse_error(f"Unclosed start tag at byte offset {_byte_offset(source, i)}")
            inner = source[i + 1 : close]
            if inner.startswith("/"):
                name = inner[1:].strip().lower()
                if not stack:
                    raise _parse_error(
                        f"Unexpected end tag at byte offset {_byte_offset(source, i)}"
                    )
                top = stack.pop()
                if name and name != top.name:
                    raise _parse_error(
                        f"Unmatched end tag at byte offset {_byte_offset(source, i)}, "
                        f'expected "</{top.name}>", found "</{name}>"'
                    )
                length = out_len - top.offset
                if length > 0:
                    entities.append(_entity(top, length))
            else:
                match = re.match(r"([a-zA-Z][a-zA-Z0-9-]*)", inner)
                name = match.group(1).lower() if match else ""
                if name not in _TAGS:
                    raise _parse_error(
                        f'Unsupported start tag "{name}" at byte offset {_byte_offset(source, i)}'
                    )
                attrs = {
                    m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                    for m in _ATTR.finditer(inner[len(name) :])
                    if m.group(1)
                }
                if name == "span" and attrs.get("class") != "tg-spoiler":
                    raise _parse_error(
                        f'Unsupported start tag "span" at byte offset {_byte_offset(source, i)}'
                    )
                if name == "a" and not attrs.get("href"):
                    pass  # Telegram keeps the text and drops the link
                stack.append(_Open(name, out_len, attrs))
            i = close + 1
            continue
        if ch == "&":
            m = _ENTITY.match(source, i)
            if m:
                if m.group(1) or m.group(2):
                    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
                    try:
                        decoded = chr(code)
                    except (ValueError, OverflowError):
                        decoded = m.group(0)
                elif m.group(3) in _NAMED:
                    decoded = _NAMED[m.group(3)]
                else:
                    decoded = m.group(0)  # unsupported named entities stay as text
                out.append(decoded)
                out_len += utf16_len(decoded)
                i = m.end()
                continue
        out.append(ch)
        out_len += utf16_len(ch)
        i += 1
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -int(e["length"])))  # type: ignore[call-overload]
    return "".join(out), entities


def _entity(tag: _Open, length: int) -> dict[str, object]:
    entity: dict[str, object] = {"type": _TAGS[tag.name], "offset": tag.offset, "length": length}
    if tag.name == "a" and tag.attrs.get("href"):
        entity["url"] = tag.attrs["href"]
    if tag.name == "pre" and tag.attrs.get("language"):
        entity["language"] = tag.attrs["language"]
    return entity
