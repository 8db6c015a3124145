"""Errors in what users give us: they carry a location and become a message and exit code 2."""

from __future__ import annotations

from factcheck.printable import printable


class UserError(Exception):
    """Bad input from the user: printed as ``file:line:col: message``, never with a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        # File names and quoted content are untrusted: a newline in either must not start a
        # line of its own (in GitHub Actions, a "::error::" line is a command).
        where = [str(part) for part in (self.path, self.line, self.column) if part is not None]
        return printable(":".join(where) + (": " if where else "") + self.message)


class DocumentError(UserError):
    """A document that cannot be read; the run goes on with the others."""


class RuleFileError(UserError):
    """A rule or vocabulary file that does not validate."""


class RefusedDocument(DocumentError):
    """A path named as input that is missing or not a document, or a document over its size limit.

    Reported like any DocumentError, but the command exits 2 whatever --strict says: a typo in a
    path, or an article too large to check, must never pass as "no findings".
    """
