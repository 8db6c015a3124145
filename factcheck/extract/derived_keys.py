"""Metric keys for figures no vocabulary entry matches, made the same for the same words.

"3,100 people arrested" and "3,100 people were arrested" must be one fact before anyone writes
vocabulary, so the words after a number are normalised: case folded, auxiliaries ("were", "had
been") dropped, and each word crudely stemmed (a plural, "-ed" or "-ing" ending and a final "e"
removed: "arrested", "arrests" and "arrest" are all "arrest"). The stems are for matching, not
for reading; ``how`` keeps the words as written. A key that rests on them is a guess: findings
about it are warnings at most.
"""

from __future__ import annotations

import re

AUXILIARIES = frozenset("am is are was were be been being has have had having do does did get gets got getting".split())
STOP = frozenset(
    """a an the of for in on at to from with by and or but this that these those which who whom than as
    last year years month months since until during over more less about some""".split()
)
_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")
# Nouns whose plural takes no -s, left as they are (and readable in a key).
UNCHANGED = frozenset("people police staff personnel men women children".split())


def stem(word: str) -> str:
    """A crude stem: consistent for the forms a news sentence uses, not a dictionary word."""
    word = word.lower().removesuffix("'s").removesuffix("'")
    if word in UNCHANGED:
        return word
    for suffix, keep in (("ies", 3), ("sses", 4), ("ches", 4), ("shes", 4), ("xes", 3), ("ing", 5), ("ied", 3), ("ed", 3), ("s", 3)):
        if word.endswith(suffix) and len(word) > keep + 1 and not (suffix == "s" and word.endswith("ss")):
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "ss" if suffix == "sses" else "ch" if suffix == "ches" else "sh" if suffix == "shes" else "x" if suffix == "xes" else "")
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":  # "admitted" -> "admitt" -> "admit"
        word = word[:-1]
    return word


def derived_words(text: str, end: int, limit: int = 3) -> str | None:
    """The stemmed words after a number, auxiliaries skipped, up to the first function word."""
    words: list[str] = []
    position = end
    while len(words) < limit:
        match = _WORD.match(text, position)
        if not match:
            break
        word = match.group(1).lower()
        position = match.end()
        if word in AUXILIARIES:
            continue
        if word in STOP:
            break
        words.append(stem(word))
    return " ".join(words) or None
