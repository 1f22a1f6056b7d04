"""The log keeps one line per update with ids, the handler and the time it took, and
nothing personal: after a full flow (onboarding, registering an organization, asking an
expert, the conversation) no name, username or typed text is in it."""

from __future__ import annotations

import json
import logging

from bot.logs import JsonFormatter
from tests.desk_flows import ask, expert, write
from tests.flows import admin, first_start, registered_org

NAME = "Zarina"
USERNAME = "zarina_k"
ORG = "Steppe Women Union"
DESCRIPTION = "We teach rural women bookkeeping and help them sell felt crafts."
QUESTION = "How can our union publish member salaries without naming anyone at all?"
ANSWER = "Publish medians per district only, never a row per member, and round them."


async def test_a_full_flow_logs_ids_and_handlers_and_nothing_personal(sandbox, caplog):
    caplog.set_level(logging.INFO)
    boss = await admin(sandbox)
    gulzhan = await expert(sandbox, boss, 33_001, "Gulzhan", "Sociologist, twelve years.")
    zarina = sandbox.user(33_002, NAME, "en", USERNAME)
    await first_start(zarina)
    await zarina.press("Kazakhstan")
    await registered_org(
        sandbox, boss, zarina, ORG, description=DESCRIPTION, contact="+7 701 555 0101"
    )
    await ask(zarina, QUESTION)
    await sandbox.app.sender.drained()
    await gulzhan.press("✋ Take", gulzhan.last_with_buttons())
    await sandbox.app.sender.drained()
    await write(gulzhan, gulzhan.last_with_buttons(), ANSWER)
    await sandbox.app.sender.drained()
    assert ANSWER in zarina.last.text

    text = caplog.text + "\n".join(JsonFormatter().format(r) for r in caplog.records)
    for secret in (NAME, USERNAME, ORG, DESCRIPTION, QUESTION, ANSWER, "701 555", "Gulzhan"):
        assert secret not in text, secret

    lines = [r for r in caplog.records if r.name == "bot.updates"]
    assert len(lines) >= 20
    start = next(r for r in lines if r.user_id == 33_002)
    assert start.event == "message" and start.handler.startswith("handlers.start.")
    assert start.outcome == "ok" and start.duration_ms >= 0
    assert any(r.handler.startswith("handlers.consultations.") for r in lines)


def test_json_lines_carry_the_updates_fields():
    record = logging.LogRecord("bot.updates", logging.INFO, __file__, 1, "update %s", (7,), None)
    record.update_id, record.user_id, record.handler = 7, 42, "handlers.start.start"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "update 7" and line["update_id"] == 7 and line["user_id"] == 42
    assert line["level"] == "INFO" and line["handler"] == "handlers.start.start"


async def test_unexpected_errors_reach_the_admins_once_per_kind_per_ten_minutes(
    sandbox, monkeypatch, caplog
):
    boss = await admin(sandbox)
    zarina = sandbox.user(33_101, NAME, "en", USERNAME)
    await first_start(zarina)
    await zarina.press("Kazakhstan")

    async def broken(*_args, **_kwargs):
        raise RuntimeError(f"something about {NAME}'s request")

    monkeypatch.setattr(sandbox.app.services.consultation_reports, "asked", broken)
    seen = len(boss.messages)
    await zarina.send("/myrequests")
    await sandbox.app.sender.drained()
    assert "Sorry, something went wrong on our side" in zarina.last.text
    [alert] = boss.messages[seen:]
    assert alert.text.startswith("⚠️ 1 error the bot did not expect: RuntimeError at ")
    assert NAME not in alert.text, "never the error's message"

    await zarina.send("/myrequests")
    await zarina.send("/myrequests")
    await sandbox.app.sender.drained()
    assert len(boss.messages) == seen + 1, "once per kind in ten minutes"
    sandbox.clock.advance(minutes=10)
    await zarina.send("/myrequests")
    await sandbox.app.sender.drained()
    assert boss.last.text.startswith("⚠️ 3 errors the bot did not expect since it last said so")
