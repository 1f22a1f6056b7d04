"""Settings read from the environment and `.env` (pydantic-settings).

The names are a contract with operators (see design.md and `.env.example`); a missing or
malformed value stops start-up with one line naming it (see `load_settings`).
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.locales import LANGUAGES

TELEGRAM_API_BASE = "https://api.telegram.org"


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it in one line."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = Field(default=None, alias="BOT_TOKEN")
    bot_api_base: str = Field(default=TELEGRAM_API_BASE, alias="BOT_API_BASE")
    database_path: Path = Field(default=Path("csobot.db"), alias="DATABASE_PATH")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default=frozenset(), alias="ADMIN_IDS")
    default_locale: str = Field(default="ru", alias="DEFAULT_LOCALE")
    default_timezone: str = Field(default="Asia/Almaty", alias="DEFAULT_TIMEZONE")
    webhook_url: str | None = Field(default=None, alias="WEBHOOK_URL")
    webhook_secret: str | None = Field(default=None, alias="WEBHOOK_SECRET")
    webhook_host: str = Field(default="0.0.0.0", alias="WEBHOOK_HOST")
    webhook_port: int = Field(default=8080, alias="WEBHOOK_PORT")
    # /healthz in polling mode (in webhook mode it is served beside the webhook)
    health_port: int | None = Field(default=None, alias="HEALTH_PORT")
    # The consultation desk's schedule, in hours: a request nobody took reminds the matching
    # experts, later alerts the organizers; a taken one with no answer reminds its expert,
    # later goes back to the queue.
    consultation_take_reminder_hours: float = Field(
        default=24, gt=0, alias="CONSULTATION_TAKE_REMINDER_HOURS"
    )
    consultation_alert_hours: float = Field(default=48, gt=0, alias="CONSULTATION_ALERT_HOURS")
    consultation_answer_reminder_hours: float = Field(
        default=24, gt=0, alias="CONSULTATION_ANSWER_REMINDER_HOURS"
    )
    consultation_return_hours: float = Field(default=72, gt=0, alias="CONSULTATION_RETURN_HOURS")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("comma-separated Telegram user ids expected") from None
        return value

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"one of {', '.join(LANGUAGES)} expected")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError("an IANA time zone such as Asia/Almaty expected") from None
        return value

    @field_validator("bot_api_base", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("an http:// or https:// address expected")
        return value.rstrip("/") if value else value


def load_settings(*, require_token: bool = True, **overrides: object) -> Settings:
    """Read the settings, raising ConfigError with one line naming the first bad setting."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else "settings"
        field = Settings.model_fields.get(name)
        env_name = field.alias if field and field.alias else name.upper()
        message = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{env_name}: {message}") from None
    if require_token and not settings.bot_token:
        raise ConfigError(
            "BOT_TOKEN: missing; get one from @BotFather, or run `csobot sandbox` to try the bot"
        )
    return settings
