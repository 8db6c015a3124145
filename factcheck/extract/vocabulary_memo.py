"""What the extractor derives from a vocabulary entry, worked out once per vocabulary.

A Vocabulary is a mutable dataclass, so it cannot key a dict or a WeakKeyDictionary; the memo
holds the one vocabulary in use (a run loads one) and starts afresh when another comes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from factcheck.vocabulary import Vocabulary

T = TypeVar("T")

_held: list[object] = [None, {}]  # [the vocabulary, {(what, key): value}]


def memo(vocabulary: Vocabulary, what: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` for (``what``, ``key``) of ``vocabulary``, computed once."""
    if _held[0] is not vocabulary:
        _held[0], _held[1] = vocabulary, {}
    values = _held[1]
    assert isinstance(values, dict)
    if (what, key) not in values:
        values[(what, key)] = compute()
    value: T = values[(what, key)]
    return value
