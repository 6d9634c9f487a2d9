"""The exceptions of the accord package.

ModelError is what a model that cannot be read raises: its file, line, column and
message are those of the first problem (sorted by position), and .problems lists every
one, as `accord check` prints them.
"""
import collections

Problem = collections.namedtuple("Problem", "file line column message")
Problem.__str__ = lambda p: _where(p.file, p.line, p.column) + p.message


def _where(file, line, column):
    parts = [str(x) for x in (file, line, column) if x]
    return ":".join(parts) + ": " if parts else ""


class AccordError(Exception):
    """A failed call into libaccord; .status is the ac_status name ("EINPUT", ...)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class OptionError(AccordError, ValueError):
    """An option that is unknown or out of range."""


class ModelError(AccordError):
    """A model that cannot be read, with the position of its (first) problem."""

    def __init__(self, status, message, file="", line=0, column=0, problems=()):
        super().__init__(status, message)
        self.file = file
        self.line = line
        self.column = column
        self.problems = list(problems) or [Problem(file, line, column, message)]

    def __str__(self):
        return "\n".join(str(p) for p in self.problems)
