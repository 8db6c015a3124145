"""Errors in what users give us: they carry a location and become a message and exit code 2."""

from __future__ import annotations

import os

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


class WriteError(UserError):
    """A file or stream the system would not let us write: a full disk, a folder that is a file,
    a name too long, a read-only place such as /proc. ``reason`` is the system's own words."""

    def __init__(self, exc: OSError, path: str):
        self.reason = exc.strerror or str(exc)
        blocking = _file_above(path) if isinstance(exc, (FileExistsError, NotADirectoryError)) else None
        if blocking is not None:
            self.reason = f"{blocking} is a file, not a folder"
        super().__init__(f"cannot write: {self.reason}", path)


def _file_above(path: str) -> str | None:
    """The nearest folder of ``path`` that exists and is not a folder, if any."""
    parent = os.path.dirname(path)
    while parent and not os.path.isdir(parent):
        if os.path.exists(parent):
            return parent
        parent = os.path.dirname(parent)
    return None


class RefusedDocument(DocumentError):
    """A path named as input that is missing or not a document, or a document over its size limit.

    Reported like any DocumentError, but the command exits 2 whatever --strict says: a typo in a
    path, or an article too large to check, must never pass as "no findings".
    """
