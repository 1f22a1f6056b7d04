"""The countries the bot serves and their time zones."""

from __future__ import annotations

CENTRAL_ASIA: tuple[str, ...] = ("KZ", "KG", "TJ", "TM", "UZ")
OTHER = "OTHER"

TIMEZONES: dict[str, str] = {
    "KZ": "Asia/Almaty",
    "KG": "Asia/Bishkek",
    "TJ": "Asia/Dushanbe",
    "TM": "Asia/Ashgabat",
    "UZ": "Asia/Tashkent",
}
