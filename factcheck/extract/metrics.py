"""What a figure counts: the topic and action phrases nearest to it in its sentence."""

from __future__ import annotations

import re

from factcheck.extract.derived_keys import derived_words
from factcheck.vocabulary import PhraseTable, Vocabulary

# Phrases after the number read more often as what it counts ("51,000 people prosecuted for
# fraud") than phrases before it, which often belong to an earlier clause.
_BEFORE_PENALTY = 1.5


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\b|\bwhile\b|\bwhereas\b")
_CROSSING_PENALTY = 1000.0


def nearest(matches: list[tuple[int, int, str]], start: int, end: int, text: str | None = None) -> tuple[int, int, str] | None:
    """The match closest to text[start:end]; with ``text``, one in the same clause first."""
    best: tuple[float, int, tuple[int, int, str]] | None = None
    for match in matches:
        if match[1] <= start:
            distance = (start - match[1]) * _BEFORE_PENALTY
            gap = (match[1], start)
        elif match[0] >= end:
            distance = float(match[0] - end)
            gap = (end, match[0])
        else:
            distance, gap = 0.0, (start, start)
        if text is not None and _CLAUSE_BREAK.search(text, gap[0], gap[1]):
            distance += _CROSSING_PENALTY
        key = (distance, -(match[1] - match[0]), match)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def decide_metric(
    vocabulary: Vocabulary,
    topics: list[tuple[int, int, str]],
    actions: list[tuple[int, int, str]],
    sentence: str,
    start: int,
    end: int,
    noun: str | None,
) -> tuple[str, bool, str]:
    """(metric, matched, how) for the number at sentence[start:end]."""
    topic = nearest(topics, start, end, sentence)
    action = nearest(actions, start, end, sentence)
    action_id = action[2] if action else None
    if topic is None:
        words = noun or "?"
        key = "?" + (f"{words}" if action_id is None else f"{words}/{action_id}")
        return key, False, (
            f"no topic in the metrics vocabulary matches this sentence; derived key '{key}' from the words "
            "after the number, normalised (a guess: add the phrase to a metrics vocabulary file)"
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


def noun_after(text: str, end: int, limit: int = 3) -> str | None:
    """The words after a number, normalised: what a derived metric key is made of (derived_keys)."""
    return derived_words(text, end, limit)
