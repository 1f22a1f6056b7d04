"""The domain's plain data: what services take and return, repositories map rows to, and
`bot/ui` renders. No I/O, no aiogram, no SQL."""
