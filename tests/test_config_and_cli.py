"""Start-up refuses a bad setting with one line naming it, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def _env(**values: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"BOT_TOKEN", "ADMIN_IDS", "DEFAULT_LOCALE", "DEFAULT_TIMEZONE", "BOT_API_BASE"}
    }
    env.update(values)
    return env


def test_a_missing_token_stops_the_process_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,  # no .env here
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("csobot: BOT_TOKEN: missing")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "first_words"),
    [
        ({"BOT_TOKEN": "1:x", "ADMIN_IDS": "12,abc"}, "ADMIN_IDS: "),
        ({"BOT_TOKEN": "1:x", "DEFAULT_LOCALE": "fr"}, "DEFAULT_LOCALE: one of ru, kk"),
        ({"BOT_TOKEN": "1:x", "DEFAULT_TIMEZONE": "Mars/Base"}, "DEFAULT_TIMEZONE: "),
        ({"BOT_TOKEN": "1:x", "BOT_API_BASE": "ftp://x"}, "BOT_API_BASE: "),
    ],
)
def test_bad_settings_stop_start_up_with_one_line(tmp_path, monkeypatch, capsys, env, first_words):
    """`csobot run` as the process above runs it, in this process (each new process costs
    seconds of imports)."""
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in ("BOT_TOKEN", "ADMIN_IDS", "DEFAULT_LOCALE", "DEFAULT_TIMEZONE", "BOT_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["run"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"csobot: {first_words}")


def test_settings_parse_admin_ids_and_defaults(monkeypatch):
    monkeypatch.chdir(ROOT / "tests")
    settings = load_settings(_env_file=None, BOT_TOKEN="1:x", ADMIN_IDS="5, 7;9")
    assert settings.admin_ids == frozenset({5, 7, 9})
    assert settings.default_locale == "ru"
    assert settings.bot_api_base == "https://api.telegram.org"
    with pytest.raises(ConfigError, match=r"^ADMIN_IDS: "):
        load_settings(_env_file=None, BOT_TOKEN="1:x", ADMIN_IDS="x")


def test_env_example_lists_every_setting():
    from bot.config import Settings

    listed = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    names = {field.alias for field in Settings.model_fields.values()}
    assert names == listed


def test_procfile_starts_the_bot_with_the_run_command():
    lines = (ROOT / "Procfile").read_text().splitlines()
    assert lines == ["worker: python -m bot run", "web: python -m bot run --webhook"]


def test_the_web_line_refuses_to_start_without_a_webhook(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    monkeypatch.delenv("WEBHOOK_URL", raising=False)
    assert main(["run", "--webhook"]) == 2
    assert capsys.readouterr().err.strip() == (
        "csobot: WEBHOOK_URL: required by `run --webhook` (the Procfile's web: line)"
    )
