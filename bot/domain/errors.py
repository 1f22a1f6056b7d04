"""Refusals every layer understands: the error handler turns them into a polite answer."""

from __future__ import annotations


class NotAllowed(PermissionError):
    """The person lacks the role (or the relation to the object) the action needs."""


class InvalidChoice(ValueError):
    """A value no button of ours offers: forged callback data, or a button from a screen
    that has changed since. Answered politely and logged as a warning."""
