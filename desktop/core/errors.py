"""Errors a person can act on. The message is Chinese and names the file, record or field."""


class UserError(Exception):
    """Bad input or a refused operation; shown to the user as is, never with a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None, cli_hint: str | None = None):
        """`message` says what to do in words (the window shows it); `cli_hint` names the command-line
        option that does it, and only the command line prints it (tests/core/test_no_flags_in_messages.py)."""
        super().__init__(message)
        self.message = message
        self.field = field
        self.cli_hint = cli_hint

    def __str__(self) -> str:
        return self.message


class NotInitialised(UserError):
    pass


class StaleRecord(UserError):
    """The record changed since it was read (another clerk saved first)."""
