"""A local Telegram Bot API emulator and the sandbox built on it (tests, benchmarks, console)."""
