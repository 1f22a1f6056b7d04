"""CSO coordination bot: a Telegram bot for civil-society organizations in Central Asia."""
