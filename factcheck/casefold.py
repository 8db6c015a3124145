"""ASCII case folding that keeps every offset.

Matching case-sensitive patterns on folded text is several times faster than IGNORECASE, which
keeps Python's regex engine from skipping ahead to the possible first characters; ``str.lower``
alone would not do: it can change the length of non-ASCII text and so every offset after it.
"""

from __future__ import annotations

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """Lower-case text with the same length and offsets as ``text``.

    ``str.lower`` is ten times faster than ``translate``; the few characters whose lower case is
    longer (such as "İ") send the text down the slower, ASCII-only path.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return text.translate(_ASCII_LOWER)
