"""`csobot backup PATH` and `csobot restore PATH`.

A backup is SQLite's online backup API reading the live database in one step: a
consistent snapshot (WAL lets the bot keep writing meanwhile), written beside the target
and renamed into place once it passed `PRAGMA integrity_check`, so a half-written file
never carries the backup's name. A restore checks the file first (integrity, a schema
this code knows), refuses while a bot has the database open (every process holds a
shared lock on `<database>.lock`), keeps the database it replaces beside it, and puts the
backup in place."""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.db.database import latest_version, lock_path, too_new


class BackupError(Exception):
    """The backup or restore did not happen; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Copied:
    path: Path
    version: int
    size: int
    kept: Path | None = None  # the database a restore replaced


def _problems(path: Path) -> tuple[int, list[str]]:
    """The file's schema version and what is wrong with it (nothing: an empty list)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return 0, [f"{path}: not a database ({error})"]
    try:
        checked = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.Error as error:
        return 0, [f"{path}: not a database ({error})"]
    finally:
        conn.close()
    problems = [] if checked == ["ok"] else [f"{path}: integrity check: {checked[0]}"]
    if foreign:
        problems.append(f"{path}: {len(foreign)} rows point to rows that do not exist")
    if version == 0:
        problems.append(f"{path}: not a database of this bot (schema version 0)")
    elif version > latest_version():
        problems.append(too_new(version, latest_version()))
    return version, problems


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup(database: Path, target: Path) -> Copied:
    if not database.exists():
        raise BackupError(f"DATABASE_PATH: {database} does not exist")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(database, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # all pages in one step: one snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        copy.close()
        source.close()
    version, problems = _problems(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError("; ".join(problems))
    _fsync(partial)
    os.replace(partial, target)
    return Copied(target, version, target.stat().st_size)


def restore(source: Path, database: Path) -> Copied:
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    version, problems = _problems(source)
    if problems:
        raise BackupError("; ".join(problems))
    database.parent.mkdir(parents=True, exist_ok=True)
    with lock_path(database).open("ab") as holder:
        try:
            fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(
                f"{database} is open in a running bot: stop it, then restore"
            ) from None
        partial = database.with_name(database.name + ".restoring")
        shutil.copyfile(source, partial)
        _fsync(partial)
        kept = None
        if database.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = database.with_name(f"{database.name}.before-restore-{stamp}")
            os.replace(database, kept)
        # the replaced database's write-ahead log belongs to it, not to the backup
        for suffix in ("-wal", "-shm"):
            leftover = Path(f"{database}{suffix}")
            if leftover.exists():
                if kept is not None:
                    os.replace(leftover, Path(f"{kept}{suffix}"))
                else:
                    leftover.unlink()
        os.replace(partial, database)
    return Copied(database, version, database.stat().st_size, kept)
