"""Untrusted text shown on one line: articles, titles, file names and rule messages."""

from __future__ import annotations

import re
import unicodedata

# Control characters, line and paragraph separators; the bidirectional controls (embeddings,
# overrides, isolates and marks), which reorder what a terminal or a JUnit viewer shows so that
# a file name can spoof the text around it; and lone surrogates (a file name's bytes that are not
# UTF-8), which no encoder writes.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")


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
    if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{ord(char) - 0xDC00:02x}"
    return f"\\u{ord(char):04x}"
