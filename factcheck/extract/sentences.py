"""Split article text into sentences: the scope in which a figure's unit, metric and period are read."""

from __future__ import annotations

import re

from factcheck.limits import SENTENCE_CHARS

# A full stop ends a sentence unless it ends one of these words.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr no nos jan feb mar apr jun jul aug sep sept oct nov dec st co ltd inc corp
    e.g i.e vs etc gen prof sen rep approx fig u.s u.k u.n dept govt jr sr art para sec vol""".split()
)

# Each alternative starts with a plain character, so the regex engine finds candidates fast.
_BOUNDARY = re.compile(
    r"""
      (?P<stop>[.!?]["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9\u4e00-\u9fff])  # end of sentence, then a capital
    | \n[ \t]*\n\s*                                                 # a blank line: new paragraph
    | \n(?=[ \t]*(?:[#•*>|]|-\s|\d+\.\s))                           # a heading, bullet or list item
    """,
    re.VERBOSE,
)
_LAST_WORD = re.compile(r"([\w.]+)\.[\"'”’)\]]*[ \t]*$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), white space trimmed, in order; together they cover every word."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        if match.group("stop"):
            end = match.end("stop")
            if match.group("stop")[0] == "." and match.group(0).count("\n") < 2:
                word = _LAST_WORD.search(text, max(0, end - 12), end)
                if word and word.group(1).lower() in ABBREVIATIONS:
                    continue
                if word and len(word.group(1)) == 1 and word.group(1).isupper():  # an initial: "J. Smith"
                    continue
        _append(text, start, end, spans)
        start = match.end()
    _append(text, start, len(text), spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if text[start] in "#•*":  # a heading or bullet line is a sentence of its own
        newline = text.find("\n", start, end)
        if newline != -1:
            _append(text, start, newline, spans)
            _append(text, newline + 1, end, spans)
            return
    while end - start > SENTENCE_CHARS:
        cut = _cut(text, start, start + SENTENCE_CHARS)
        _append(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    spans.append((start, end))


# Where a run too long for one sentence is cut, best first: a line break, a clause, a space.
_CUTS = ("\n", "; ", ", ", " ")


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of a run with no sentence end: the best break in its second half.

    A table flattened into text or a page with no full stops is one "sentence" otherwise, and
    every figure in a sentence is weighed against every phrase in it: a cap keeps that linear.
    """
    for mark in _CUTS:
        found = text.rfind(mark, start + (limit - start) // 2, limit)
        if found != -1:
            return found + len(mark.rstrip()) if mark.strip() else found
    return limit
