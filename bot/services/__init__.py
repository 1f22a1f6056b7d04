"""The domain: plain data in, plain data out; no aiogram types."""
