"""Untrusted text shown on one line: articles, titles, file names and rule messages."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Article text shown on one line: control characters (newlines, terminal escapes) made visible.

    Articles are untrusted input: an escape sequence in one must not recolour or rewrite the
    terminal, and a newline must not start what looks like another finding.
    """
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    if unicodedata.category(char) == "Cc":
        return f"\\x{ord(char):02x}"
    return f"\\u{ord(char):04x}"
