"""Dialog intent ids that do not collide.

aiogram-dialog 2.x makes an intent id from the current second plus one of 100 random
values (`aiogram_dialog.api.entities.stack.new_int_id`). Two dialogs a person opens within
the same second (an admin's «Reject» over their own half-filled form) then share an id once
in a hundred times: the stack holds one context twice, closing one deletes the other's data,
and aiogram-dialog resets the person's whole stack ("Stack is broken"), losing their form.
Upstream: Tishka17/aiogram_dialog pull request 501 (open).

Here ids are drawn at random from the same space of six characters (the length callback
data budgets were measured with), by `secrets`: about 5.7e10 values instead of 100 a second.
"""

from __future__ import annotations

import secrets

from aiogram_dialog.api.entities import stack as _stack

ID_SPACE = 62**6  # six characters of aiogram-dialog's alphabet (digits and ASCII letters)


def random_int_id() -> int:
    """A non-zero id below ID_SPACE, so it renders in at most six characters."""
    return 1 + secrets.randbelow(ID_SPACE - 1)


def install() -> None:
    """Make aiogram-dialog draw intent (and stack) ids with `random_int_id`."""
    _stack.new_int_id = random_int_id
