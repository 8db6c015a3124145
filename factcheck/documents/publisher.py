"""The publisher a page names in its copyright line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.documents.text import Line

_PUBLISHER = re.compile(r"(?:copyright\s*(?:©|\(c\))?|©)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?", re.IGNORECASE)
_PUBLISHER_END = re.compile(r"\.(?:\s|$)|all rights reserved", re.IGNORECASE)


def find_publisher(lines: list[Line]) -> str | None:
    """The name in the last copyright line ("Copyright©2024 China Daily." gives "China Daily")."""
    for line in reversed(lines):
        if not re.search(r"copyright|©", line.text, re.IGNORECASE):
            continue
        match = _PUBLISHER.search(line.text)
        if match is None or match.end() == len(line.text):
            continue
        rest = line.text[match.end() :]
        end = _PUBLISHER_END.search(rest, 1)  # the name has one character at least
        name = re.sub(r"^the\s+", "", rest[: end.start() if end else len(rest)].strip(" \t\r\f\v,;:-"))
        if name and not re.fullmatch(r"all rights reserved\.?", name, re.IGNORECASE):
            return name
    return None
