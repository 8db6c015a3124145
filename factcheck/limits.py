"""The caps on what the tool reads, in one place, and the one way every file is read under them.

Each cap keeps time and memory bounded for hostile or accidental input (a 200 MB article, a claim
file of a million nodes, a symlink to /dev/zero, a named pipe in a pull request) while staying far
above real use: news articles are tens of kB, their longest sentences about 500 characters. The
README's "Limits" section states them and what happens past each.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import BinaryIO

from factcheck.errors import UserError

# Configurable (factcheck.yaml or [tool.factcheck]: max_article_bytes, max_claim_file_bytes).
ARTICLE_BYTES = 10_000_000  # a 10 MB article is extracted, checked and reported in well under 2 GB
CLAIM_FILE_BYTES = 32_000_000  # claim files and cache entries: some 40,000 claims (800 bytes each); the node tree of a file takes ~50x its size
# Fixed.
SETTINGS_BYTES = 16_000_000  # rule, vocabulary and suppressions files, factcheck.yaml, pyproject.toml
SENTENCE_CHARS = 2_000  # a longer run without a full stop is cut (four times the longest seed sentence)
MAX_NODES = 100_000  # values in one YAML file, aliases included: alias bombs expand to billions
MAX_DEPTH = 64  # nesting of one YAML file
MAX_DIGITS = 1_000  # no count or date in a rule or claim file is longer; Python's int() stops at 4,300


@dataclass(frozen=True)
class Limits:
    """The configurable caps of one run (defaults above)."""

    article_bytes: int = ARTICLE_BYTES
    claim_file_bytes: int = CLAIM_FILE_BYTES


_SPECIAL_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def not_regular(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file ("a named pipe"), else None."""
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def special_kind(path: str) -> str | None:
    """What ``path`` is (following symlinks) when it is a pipe, socket, device or directory, else None.

    Reading one would block for ever (a pipe) or never end (/dev/zero named "zero.txt").
    Missing files, symlink loops and unreadable ones give None: opening them says what is wrong.
    """
    try:
        return not_regular(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


def too_large(size: int | None, limit: int, what: str, setting: str | None) -> str:
    """The message for a file over its cap: the limit, the size (None: more), how to raise the limit."""
    raise_it = f" (raise `{setting}` in factcheck.yaml or [tool.factcheck])" if setting else ""
    return f"expected {what} of at most {limit:,} bytes, found {'more' if size is None else f'{size:,}'}{raise_it}"


def read_capped(
    path: str,
    limit: int,
    what: str = "a file",
    setting: str | None = None,
    error: type[UserError] = UserError,
    limit_error: type[UserError] | None = None,
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; else ``error`` naming
    the file (``limit_error`` for a file over the limit, if given).

    The file is checked before it is opened (opening a pipe blocks, opening some devices acts),
    opened without blocking, checked again on the open handle (the path may have changed in
    between), and read no further than the limit (it may be growing).
    """
    kind = special_kind(path)
    if kind is not None:
        raise error(f"expected a regular file, found {kind}", path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:  # a dangling symlink, or the file went away
        raise error(f"expected {what}, found no such file", path) from None
    except PermissionError:
        raise error("cannot read the file: permission denied", path) from None
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror or exc}", path) from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        kind = not_regular(status.st_mode)
        if kind is not None:
            raise error(f"expected a regular file, found {kind}", path)
        if status.st_size > limit:
            raise (limit_error or error)(too_large(status.st_size, limit, what, setting), path)
        try:
            data = _read_at_most(handle, limit + 1, status.st_size)
        except OSError as exc:
            raise error(f"cannot read the file: {exc.strerror or exc}", path) from None
    if len(data) > limit:
        raise (limit_error or error)(too_large(None, limit, what, setting), path)  # it grew while read
    return data


def _read_at_most(handle: BinaryIO, most: int, size: int) -> bytes:
    """Up to ``most`` bytes of a file whose size was ``size``: a buffer of the size, not of the cap
    (a cap of a terabyte would be allocated), then pieces while the file grows (or /proc says 0)."""
    want = min(most, size + 1)
    data = handle.read(want)
    if len(data) < want or want == most:
        return data
    parts, total = [data], len(data)
    while total < most:
        piece = handle.read(min(1 << 20, most - total))
        if not piece:
            break
        parts.append(piece)
        total += len(piece)
    return b"".join(parts)
