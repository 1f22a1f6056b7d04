"""Putting the bot together: database, Bot, Dispatcher, middlewares, routers; and running it."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.i18n import I18n
from aiogram_dialog import setup_dialogs

from bot.command_menus import publish_default_commands, publish_person_commands
from bot.config import Settings
from bot.db.database import Database
from bot.db.fsm_storage import SQLiteStorage
from bot.db.repositories.outbox import OutboxRepository
from bot.db.repositories.users import UsersRepository
from bot.delivery_transport import TelegramTransport
from bot.dialog_ids import install as install_dialog_ids
from bot.domain.consultations import DeskTimes
from bot.health import route as health_route
from bot.health import serve as serve_health
from bot.i18n import build_i18n
from bot.isolation import PersonIsolation
from bot.lean_routing import skip_routers_without_handlers
from bot.logs import install as install_update_log
from bot.middlewares.blocked import BlockedMiddleware
from bot.middlewares.person import LocaleMiddleware, PersonMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.response_models import KeepResponseModels
from bot.scheduler import Ticker
from bot.services.alerts import ErrorAlerts
from bot.services.container import Services, build_services
from bot.services.delivery import Sender
from bot.services.pacing import Pacer
from bot.services.people import PeopleService
from bot.sync_filters import run_filters_on_loop
from bot.telegram_objects import bind_bot_in_one_step
from bot.telegram_retry import RetryMiddleware
from bot.telegram_session import JsonBodySession
from bot.timekeeping import Clock, utc_now
from bot.ui.notices import RenderedNotices
from bot.zones import ensure_current_tz_database
from dialogs import dialogs_router
from dialogs.message_manager import MenuMessageManager
from handlers import handlers_router
from handlers.errors import unknown_button_router
from handlers.throttled import notify_throttled

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    db: Database
    bot: Bot
    dispatcher: Dispatcher
    i18n: I18n
    services: Services
    throttling: ThrottlingMiddleware
    sender: Sender
    sender_bot: Bot
    ticker: Ticker
    ticking: bool = True  # False: the tests move the clock and call ticker.tick(now)

    async def close(self) -> None:
        self.ticker.stop()
        await self.ticker.finished()
        await self.sender.stop()
        await self.bot.session.close()
        await self.sender_bot.session.close()
        await self.db.close()


def create_bot(settings: Settings, *, retry: bool = True) -> Bot:
    """The Bot for replies (retrying 429s and network errors one call at a time), or with
    `retry=False` the delivery sender's, which paces and retries its sends itself."""
    assert settings.bot_token
    bind_bot_in_one_step()  # every aiogram type is imported by now
    session = JsonBodySession(api=TelegramAPIServer.from_base(settings.bot_api_base))
    session.middleware(KeepResponseModels())
    if retry:
        session.middleware(RetryMiddleware())
    return Bot(
        token=settings.bot_token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def make_sender(
    db: Database, bot: Bot, clock: Clock, *, people: PeopleService | None = None, **options: Any
) -> Sender:
    """The delivery sender on `db`, sending with `bot` (one without the retry middleware:
    the sender paces and retries itself); `options` go to `Sender`. A process that only
    sends (a test's or a benchmark's worker) gets the people service it needs made here."""
    outbox = OutboxRepository(db)
    if people is None:
        people = PeopleService(
            db,
            UsersRepository(db),
            outbox,
            admin_ids=frozenset(),
            default_locale="ru",
            default_timezone="Asia/Almaty",
        )
    marker = people
    return Sender(
        outbox,
        TelegramTransport(bot),
        on_unreachable=lambda user_id: marker.mark_unreachable(user_id, clock()),
        clock=clock,
        **options,
    )


async def create_app(
    settings: Settings,
    *,
    dispatcher_cls: type[Dispatcher] = Dispatcher,
    dispatcher_kwargs: dict[str, Any] | None = None,
    clock: Clock = utc_now,
    throttling: ThrottlingMiddleware | None = None,
    pacer: Pacer | None = None,
    ticking: bool = True,
) -> App:
    ensure_current_tz_database()
    db = await Database.open(settings.database_path)
    i18n = build_i18n(settings.default_locale)
    notices = RenderedNotices(i18n)
    services = build_services(
        db,
        notices,
        clock,
        admin_ids=settings.admin_ids,
        default_locale=settings.default_locale,
        default_timezone=settings.default_timezone,
        desk_times=DeskTimes(
            take_reminder=timedelta(hours=settings.consultation_take_reminder_hours),
            alert=timedelta(hours=settings.consultation_alert_hours),
            answer_reminder=timedelta(hours=settings.consultation_answer_reminder_hours),
            give_back=timedelta(hours=settings.consultation_return_hours),
        ),
    )
    bot = create_bot(settings)
    dp = dispatcher_cls(
        storage=SQLiteStorage(db),
        # one update at a time per person: a double tap is decided after the first tap
        events_isolation=PersonIsolation(),
        **(dispatcher_kwargs or {}),
    )
    dp["settings"] = settings
    dp["services"] = services
    dp["clock"] = clock
    dp["i18n"] = i18n
    dp["alerts"] = ErrorAlerts(db, services.outbox, notices, settings.admin_ids)
    sender_bot = create_bot(settings, retry=False)
    sender = make_sender(db, sender_bot, clock, people=services.people, pacer=pacer)
    services.outbox.wake = sender.wake
    ticker = Ticker(
        services.reminders,
        clock,
        services.consultations,
        services.polls,
        db.checkpoint,
        services.recommendations,
        services.digests,
        sender.wake,
    )

    install_update_log(dp)  # first: its line times the whole update
    throttling = throttling or ThrottlingMiddleware(notify=notify_throttled)
    if throttling.notify is None:
        throttling.notify = notify_throttled
    dp.update.outer_middleware(throttling)
    dp.update.outer_middleware(PersonMiddleware())
    dp.update.outer_middleware(LocaleMiddleware(i18n))
    blocked = BlockedMiddleware()
    dp.message.middleware(blocked)
    dp.callback_query.middleware(blocked)

    dp.include_router(handlers_router())
    dp.include_router(unknown_button_router())  # what no handler took, if not a dialog's
    dp.include_router(dialogs_router())
    install_dialog_ids()
    setup_dialogs(dp, message_manager=MenuMessageManager())
    run_filters_on_loop(dp)  # last: every router is in
    skip_routers_without_handlers(dp)

    app = App(settings, db, bot, dp, i18n, services, throttling, sender, sender_bot, ticker)
    app.ticking = ticking
    dp.startup.register(_on_startup(app))
    dp.shutdown.register(_on_shutdown(app))
    return app


def _on_startup(app: App) -> Callable[[], Any]:
    async def on_startup() -> None:
        await publish_default_commands(app.bot, app.i18n, app.settings.default_locale)
        for person in await app.services.people.role_holders():
            await publish_person_commands(app.bot, app.i18n, person)
        app.sender.start()
        if app.ticking:
            app.ticker.start()
        log.info("bot started; commands published; delivery sender and clock running")

    return on_startup


def _on_shutdown(app: App) -> Callable[[], Any]:
    async def on_shutdown() -> None:
        app.ticker.stop()
        await app.ticker.finished()
        await app.sender.stop()

    return on_shutdown


async def run_polling(app: App, *, handle_signals: bool = True) -> None:
    await app.bot.delete_webhook(drop_pending_updates=False)
    health = None
    if app.settings.health_port is not None:
        health = await serve_health(
            app.db,
            app.ticker,
            app.services.clock,
            app.settings.webhook_host,
            app.settings.health_port,
        )
    try:
        await app.dispatcher.start_polling(
            app.bot,
            handle_signals=handle_signals,
            close_bot_session=False,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
    finally:
        if health is not None:
            await health.cleanup()
        await app.close()


async def run_webhook(app: App) -> None:
    """Serve updates on WEBHOOK_HOST:WEBHOOK_PORT at the path of WEBHOOK_URL."""
    from urllib.parse import urlparse

    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    settings = app.settings
    assert settings.webhook_url
    path = urlparse(settings.webhook_url).path or "/"
    web_app = web.Application()
    SimpleRequestHandler(
        dispatcher=app.dispatcher, bot=app.bot, secret_token=settings.webhook_secret
    ).register(web_app, path=path)
    web_app.add_routes([health_route(app.db, app.ticker, app.services.clock)])
    setup_application(web_app, app.dispatcher, bot=app.bot)
    await app.bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret,
        allowed_updates=app.dispatcher.resolve_used_update_types(),
    )
    runner = web.AppRunner(web_app)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    log.info("webhook listening on %s:%s%s", settings.webhook_host, settings.webhook_port, path)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
        log.info("stopping: finishing the updates in hand")
    finally:
        # the site stops taking requests, the ones in hand finish, then the dispatcher's
        # shutdown stops the ticks and lets the outbox record its sends in flight
        await runner.cleanup()
        await app.close()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        log.info("stopped")
