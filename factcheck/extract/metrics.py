"""What a figure counts: the topic and action phrases nearest to it in its sentence."""

from __future__ import annotations

import re
from bisect import bisect_left

from factcheck.vocabulary import PhraseTable, Vocabulary

# Phrases after the number read more often as what it counts ("51,000 people prosecuted for
# fraud") than phrases before it, which often belong to an earlier clause.
_BEFORE_PENALTY = 1.5


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\b|\bwhile\b|\bwhereas\b")
_CROSSING_PENALTY = 1000.0
# The places where _CLAUSE_BREAK can match, each found once per sentence (ClauseBreaks).
_BREAK_PLACES = re.compile(r";|,\s+(?:and|but|while|whereas)|(?<!\w)(?:while|whereas)")
_WORD_CHAR = re.compile(r"\w")


class ClauseBreaks:
    """Where _CLAUSE_BREAK matches in one sentence, found once: whether a gap crosses a clause is
    then a binary search, not a regex scan of the gap for every figure and phrase (which made a
    sentence of many figures cost cubic time).

    ``crosses(a, b)`` is exactly ``bool(_CLAUSE_BREAK.search(text, a, b))``. A match must lie
    inside the gap, and a word at its end ("and") counts when the gap ends right after it even
    if the text goes on with a letter ("and" of "android"): there the search sees the end.
    """

    def __init__(self, text: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        self._cut_words: dict[int, int] = {}  # end -> latest start of a match that needs the gap to end there
        for match in _BREAK_PLACES.finditer(text):
            start, end = match.span()
            places = [start]
            if match.group().endswith(("while", "whereas")) and match.group()[0] == ",":
                places.append(text.rindex("wh", start, end))  # the word alone is a break too
            for place in places:
                if match.group()[-1].isalpha() and _WORD_CHAR.match(text, end):
                    self._cut_words[end] = max(place, self._cut_words.get(end, -1))
                else:
                    starts.append(place)
                    ends.append(end)
        # The earliest end of a match starting at or after each match's start.
        self._starts = starts
        self.empty = not starts and not self._cut_words  # most sentences: no gap crosses a clause
        self._first_end = ends[:]
        for index in range(len(ends) - 2, -1, -1):
            self._first_end[index] = min(self._first_end[index], self._first_end[index + 1])

    def crosses(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, start)
        if index < len(self._starts) and self._first_end[index] <= end:
            return True
        return self._cut_words.get(end, -1) >= start


def nearest(
    matches: list[tuple[int, int, str]], start: int, end: int, text: str | None = None, breaks: ClauseBreaks | None = None
) -> tuple[int, int, str] | None:
    """The match closest to text[start:end]; with ``text`` (or its ``breaks``), one in the same clause first."""
    if breaks is None and text is not None:
        breaks = ClauseBreaks(text)
    if breaks is not None and breaks.empty:
        breaks = None
    best: tuple[int, int, str] | None = None
    best_distance, best_length = 0.0, 0
    for match in matches:
        if match[1] <= start:
            distance = (start - match[1]) * _BEFORE_PENALTY
            gap_start, gap_end = match[1], start
        elif match[0] >= end:
            distance = float(match[0] - end)
            gap_start, gap_end = end, match[0]
        else:
            distance, gap_start, gap_end = 0.0, start, start
        if best is not None and distance > best_distance:
            continue  # farther than the best already, crossing or not
        if breaks is not None and gap_start < gap_end and breaks.crosses(gap_start, gap_end):
            distance += _CROSSING_PENALTY
        length = match[1] - match[0]
        # The nearest; of two as near, the longer; of two as long, the first.
        if best is None or distance < best_distance or (distance == best_distance and length > best_length):
            best, best_distance, best_length = match, distance, length
    return best


def decide_metric(
    vocabulary: Vocabulary,
    topics: list[tuple[int, int, str]],
    actions: list[tuple[int, int, str]],
    sentence: str,
    start: int,
    end: int,
    noun: str | None,
    breaks: ClauseBreaks | None = None,
) -> tuple[str, bool, str]:
    """(metric, matched, how) for the number at sentence[start:end]; ``breaks``: the sentence's, if known."""
    breaks = breaks or ClauseBreaks(sentence)
    topic = nearest(topics, start, end, sentence, breaks)
    action = nearest(actions, start, end, sentence, breaks)
    action_id = action[2] if action else None
    if topic is None:
        words = noun or "?"
        key = "?" + (f"{words}" if action_id is None else f"{words}/{action_id}")
        return key, False, (
            f"no topic in the metrics vocabulary matches this sentence; derived key '{key}' "
            "(add the phrase to a metrics vocabulary file)"
        )
    entry = vocabulary.topic_entries[topic[2]]
    how_action = f"'{sentence[action[0]:action[1]]}' -> action '{action_id}'" if action else None
    if action_id is None and entry.default_action is not None:
        action_id = entry.default_action
        how_action = f"no action in the sentence; topic default '{action_id}'"
    metric = topic[2] if action_id is None else f"{topic[2]}/{action_id}"
    how = f"'{sentence[topic[0]:topic[1]]}' -> topic '{topic[2]}'" + (f", {how_action}" if how_action else ", no action named")
    return metric, True, how


def phrase_matches(table: PhraseTable, text: str) -> list[tuple[int, int, str]]:
    return table.find(text)


NOUN_STOP = frozenset(
    """a an the of for in on at to from with by and or but was were is are be been being have has had
    this that these those which who whom than as last year years month months since until during over
    more less about some""".split()
)
_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")


def noun_after(text: str, end: int, limit: int = 3) -> str | None:
    """The words after a number up to the first function word: what a derived metric key is made of."""
    words = []
    position = end
    for _ in range(limit):
        match = _WORD.match(text, position)
        if not match or match.group(1).lower() in NOUN_STOP:
            break
        words.append(match.group(1).lower())
        position = match.end()
    return " ".join(words) or None
