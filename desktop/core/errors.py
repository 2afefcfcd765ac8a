"""Errors a person can act on. The message is Chinese and names the file, record or field."""


class UserError(Exception):
    """Bad input or a refused operation; shown to the user as is, never with a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotInitialised(UserError):
    pass


class StaleRecord(UserError):
    """The record changed since it was read (another clerk saved first)."""
