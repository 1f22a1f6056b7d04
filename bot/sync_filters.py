"""Plain (non-async) filters evaluated on the event loop, not in a thread.

aiogram runs every callable that is not a coroutine function through `asyncio.to_thread`,
filters included, and a magic filter (`F.data.startswith(...)`, a router's `F.chat.type`)
is such a callable. A filter is a cheap predicate over the update: the hop to a worker
thread and back costs far more than the check, and under load the worker waits for the
interpreter lock behind whatever the loop is running (up to the 5 ms switch interval) for
each such filter an update passes. Once every router is included, `run_filters_on_loop`
wraps each plain filter in a coroutine function that calls it directly. Handlers are left
as they are: a plain handler may block, and none of ours is plain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import FilterObject


def _inline(callback: Callable[..., Any]) -> Callable[..., Any]:
    async def on_loop(*args: Any, **kwargs: Any) -> Any:
        return callback(*args, **kwargs)

    return on_loop


def _filters(router: Router) -> Iterator[FilterObject]:
    for observer in router.observers.values():
        yield from observer._handler.filters or ()  # the router's own (root) filters
        for handler in observer.handlers:
            yield from handler.filters or ()
    for sub in router.sub_routers:
        yield from _filters(sub)


def run_filters_on_loop(router: Router) -> int:
    """Make every plain filter under `router` run on the loop; how many there were."""
    changed = 0
    for event_filter in _filters(router):
        if event_filter.awaitable:
            continue
        # `params`/`varkw` stay as computed from the plain callable: the same keyword
        # arguments reach it through the wrapper.
        event_filter.callback = _inline(event_filter.callback)
        event_filter.awaitable = True
        changed += 1
    return changed
