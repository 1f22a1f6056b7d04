"""Update middlewares: throttling, the person behind the update, their language."""
