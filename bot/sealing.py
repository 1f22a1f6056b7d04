"""Keeping a small secret in conversation storage without storing it: the options a person
ticked before writing «Other» wait in their typing step's data (kept in the database
with their conversation) sealed with a key that lives only in this process's memory. The
database alone says nothing about them; after a restart the seal cannot be opened, and the
person is asked to tick again."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

_KEY = secrets.token_bytes(32)
_BITS = 64


def _mac(*parts: str) -> bytes:
    return hmac.new(_KEY, "\x1f".join(parts).encode(), hashlib.sha256).digest()


def seal(choices: Iterable[int]) -> str:
    """Choices (0..63) as an opaque string."""
    mask = 0
    for choice in choices:
        if not 0 <= choice < _BITS:
            raise ValueError(choice)
        mask |= 1 << choice
    nonce = secrets.token_hex(8)
    value = f"{mask ^ int.from_bytes(_mac('pad', nonce)[:8], 'big'):x}"
    return f"{nonce}:{value}:{_mac('tag', nonce, value)[:8].hex()}"


def unseal(sealed: str) -> tuple[int, ...] | None:
    """The choices sealed by this process; None for anything else (another process's seal,
    a forged or damaged string)."""
    nonce, value, tag = [*str(sealed).split(":"), "", "", ""][:3]
    if not hmac.compare_digest(tag, _mac("tag", nonce, value)[:8].hex()):
        return None
    try:
        mask = int(value, 16) ^ int.from_bytes(_mac("pad", nonce)[:8], "big")
    except ValueError:
        return None
    return tuple(i for i in range(_BITS) if mask & (1 << i))
