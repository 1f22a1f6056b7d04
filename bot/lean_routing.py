"""Routers an update cannot concern are not visited; a router without outer middlewares is
entered without building an empty middleware chain.

aiogram offers each update to the routers in turn, depth first, until a handler takes it.
Each visit costs the same whether the router can take the update or not: the keyword
arguments copied three times, an outer-middleware chain built (a `functools.wraps`
closure, even with no middleware), the router's own filters checked, its handlers'
filters checked. A command such as /language visits ten routers; a few of them have no
handler for messages at all anywhere below them (the one for the bot's membership in
chats, the errors' one).

Once every router is in, `skip_routers_without_handlers(dp)` gives each router of the tree
(a) a `_propagate_event` that offers the update only to the sub-routers that have, below
them, a handler or an outer middleware for its type, and (b) when its observer for the
type has no outer middleware, a `propagate_event` that goes straight to (a), and (c) its
inner middlewares (its own and its parents') found once, not at each handler call. Nothing
else changes: filters, handlers, inner middlewares and the order in which routers are offered
the update stay aiogram's. A router class that overrides `_propagate_event` itself (the
dialogs' parent) keeps its own.
"""

from __future__ import annotations

from types import MethodType
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.types import TelegramObject

_BASE_PROPAGATE = Router._propagate_event


def _concerned(router: Router, update_type: str) -> bool:
    """Whether an update of this type can do anything in this router or below it."""
    observer = router.observers.get(update_type)
    if observer is not None and (observer.handlers or observer.outer_middleware):
        return True
    return any(_concerned(sub, update_type) for sub in router.sub_routers)


async def _propagate_event(
    self: Router,
    observer: TelegramEventObserver | None,
    update_type: str,
    event: TelegramObject,
    **kwargs: Any,
) -> Any:
    # aiogram's Router._propagate_event, over the concerned sub-routers only
    response = UNHANDLED
    if observer:
        result, data = await observer.check_root_filters(event, **kwargs)
        if not result:
            return UNHANDLED
        kwargs.update(data)
        response = await observer.trigger(event, **kwargs)
        if response is REJECTED:  # pragma: no cover - as aiogram
            return UNHANDLED
        if response is not UNHANDLED:
            return response
    for router in self._lean_visit.get(update_type, ()):  # type: ignore[attr-defined]
        response = await router.propagate_event(update_type=update_type, event=event, **kwargs)
        if response is not UNHANDLED:
            break
    return response


async def _propagate_plain(
    self: Router, update_type: str, event: TelegramObject, **kwargs: Any
) -> Any:
    # aiogram's Router.propagate_event when the observer has no outer middleware
    kwargs["event_router"] = self
    observer = self.observers.get(update_type)
    if observer is not None and observer.outer_middleware:
        return await Router.propagate_event(self, update_type, event, **kwargs)
    return await self._propagate_event(observer, update_type, event, **kwargs)


def _fixed_middlewares(observer: TelegramEventObserver) -> None:
    """The observer's inner middlewares (its own and its parents', outermost first), found
    once instead of by walking up the routers at each handler call."""
    middlewares = observer._resolve_middlewares()
    observer._resolve_middlewares = lambda: middlewares  # type: ignore[method-assign]


def skip_routers_without_handlers(root: Router) -> int:
    """Prune the visits under `root` (call once every router is included and every middleware
    registered); returns how many routers now skip sub-routers for some update type."""
    pruned = 0
    update_types = set(root.observers)
    for router in _tree(root):
        for observer in router.observers.values():
            _fixed_middlewares(observer)
        if type(router).propagate_event is Router.propagate_event:
            router.propagate_event = MethodType(_propagate_plain, router)  # type: ignore[method-assign]
        if type(router)._propagate_event is not _BASE_PROPAGATE:
            continue  # a router with its own way of choosing
        visit = {
            update_type: tuple(s for s in router.sub_routers if _concerned(s, update_type))
            for update_type in update_types
        }
        router._lean_visit = visit  # type: ignore[attr-defined]
        router._propagate_event = MethodType(_propagate_event, router)  # type: ignore[method-assign]
        if any(len(subs) < len(router.sub_routers) for subs in visit.values()):
            pruned += 1
    return pruned


def _tree(router: Router) -> list[Router]:
    found = [router]
    for sub in router.sub_routers:
        found.extend(_tree(sub))
    return found
