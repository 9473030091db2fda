"""The one exception every stage raises to reject a file: what is wrong, where, and what to do."""

from __future__ import annotations


class Rejection(Exception):
    """A file cannot be loaded; the rest of the batch goes on.

    reason is a short machine-readable code (see rejections.reason in schema.sql), message says what is wrong,
    action says what the operator should do, location says where in the file (page 3, line 41) when known.
    """

    def __init__(self, reason: str, message: str, action: str, location: str | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.action = action
        self.location = location

    def __reduce__(self):
        # Exceptions pickle as cls(*args), and args holds the message alone: rebuild from every field instead, so a
        # rejection made in a reader process reaches the parent whole.
        return (type(self), (self.reason, self.message, self.action, self.location))

    def __str__(self) -> str:
        where = f" ({self.location})" if self.location else ""
        return f"{self.message}{where}. {self.action}"
