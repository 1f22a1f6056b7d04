"""SQLite storage: connection, migrations and repositories."""
