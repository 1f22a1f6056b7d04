"""aiogram's Telegram objects bound to their bot with one call instead of a tower of them.

Every aiogram type (an update, a message, each button of its keyboard, each method the bot
calls) is a pydantic model with one private attribute, `_bot`, set after validation by
`BotContextController.model_post_init`. Pydantic wraps `model_post_init` once more at each
level of a class hierarchy that has private attributes, so a `Message` runs four nested
wrappers, four `init_private_attributes` calls and a validated `__setattr__` to store one
reference; an update of the benchmark builds some thirty such objects. That was about a
tenth of the CPU of an update (the answer to `sendMessage` with eight buttons: 92 → 43 µs,
a button press's update: 113 → 78 µs).

`bind_bot_in_one_step()` gives every such class whose only private attribute is `_bot` and
whose `model_post_init` is aiogram's (through pydantic's wrappers) one function that stores
the same dictionary pydantic would: `{"_bot": the bot of the validation context, or None}`.
pydantic-core calls `model_post_init` by name on each instance, so the classes' validators
built before and after alike use it. A class with other private attributes or a
`model_post_init` of its own is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiogram.client.context_controller import BotContextController

_set = object.__setattr__


def _unwrapped(post_init: Any) -> Any:
    while hasattr(post_init, "__wrapped__"):  # pydantic's wrappers, one per level
        post_init = post_init.__wrapped__
    return post_init


_original = _unwrapped(BotContextController.model_post_init)


def _bind_bot(self: BotContextController, context: Any, /) -> None:
    bot = context.get("bot") if context else None
    private = getattr(self, "__pydantic_private__", None)
    if private is None:
        _set(self, "__pydantic_private__", {"_bot": bot})
    else:  # a subclass's own post-init set its private attributes first, then called ours
        private["_bot"] = bot


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _only_binds_the_bot(cls: type[BotContextController]) -> bool:
    if set(cls.__private_attributes__) != {"_bot"}:
        return False
    return _unwrapped(cls.model_post_init) is _original


def bind_bot_in_one_step() -> int:
    """Every aiogram object class imported so far binds its bot in one step; returns how
    many classes were changed by this call (0 when done already)."""
    changed = 0
    for cls in set(_subclasses(BotContextController)):
        if cls.model_post_init is _bind_bot or not _only_binds_the_bot(cls):
            continue
        cls.model_post_init = _bind_bot  # type: ignore[method-assign]
        changed += 1
    return changed
