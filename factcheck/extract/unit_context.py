"""Units a figure's words imply beyond the noun right after it: nouns before it, the figure it is
compared with, its own noun, and the units the metrics vocabulary gives a topic or an action
("deaths" count people). Rates are in ``rates``; the order they are tried in, in ``figure_units``.

The decisions, from most to least certain: a noun written after or before the figure is
"stated"; the unit of the figure it is compared with ("5,470 offences, up 5% from 5,190") is
"carried"; a unit named by the vocabulary for the figure's topic or action is "implied"; a unit
carried from an earlier figure with no noun of its own is "guessed". A figure followed by a noun
of its own that no unit names ("35 states", "38 of the 50 states", "within 30 days", "every 13
minutes", "targeted 14 times") takes none of these: it counts that noun, and its unit is unknown.
Only plural nouns and time units count as such a noun ("2,870 last year", "12.2 nationwide" have
none), a topic phrase is not one ("50,000 cybercrimes" count the topic's unit), and an action
with a unit that is the noun's own verb gives it that unit ("7,320 pedestrians killed", "killed
7,320 pedestrians": the pedestrians are the people killed).
"""

from __future__ import annotations

import re

from factcheck.extract.vocabulary_memo import memo
from factcheck.vocabulary import PhraseTable, Vocabulary

# What a figure is compared with: "down from 1.33", ", against 12.2", "compared with 81", and after
# the change that links them, "up 5% from 5,190", "a rise of 4% on the 48,580"; the first figure's
# clause may go on before the comma ("5,470 offences involving a knife, up 5% from 5,190").
_PERCENT = r"[\d.,]+\s*(?:%|per\s*cent|percent)"
_CHANGE = r"(?:up|down|rising|falling|climbing|dropping|higher|lower|an?\s+(?:rise|fall|drop|increase|decrease|decline|jump|reduction)\s+of)"
_COMPARED = re.compile(
    rf"^(?:[^,;.]{{0,80}}?,)?\s*(?:{_CHANGE}\s+(?:by\s+)?(?:(?:about|around|some|nearly|almost|more\s+than|over)\s+)?(?:{_PERCENT}\s+)?(?:from|on|over|against)"
    r"|(?:from|against|compared\s+(?:with|to)|versus|vs\.?))\s+(?:(?:the|about|around|some|roughly|nearly|almost|just)\s+)*$"
)
# The noun a figure counts: right after it, or after a partitive "of the (50)": "38 of the 50 states".
_OWN_NOUN = re.compile(r"\s+(?:of\s+(?:the|all|its|their|these|those)\s+(?:\d[\d,.]*\s+)?)?(?P<w1>[a-z][a-z'-]*)(?:\s+(?P<w2>[a-z][a-z'-]*))?")
_MULTIPLE_AFTER = re.compile(
    r"\s+(?:as|more|less|fewer|higher|lower|greater|larger|bigger|smaller|faster|slower|the|that|than|over|above|below|what|its|their|his|her)\b"
    r"|\s*(?:-|\s)(?:fold|times)\b"
)
# Durations and occasions are never a count of what the topic counts: "within 30 days", "every
# 13 minutes", "targeted 14 times".
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades "
    "century centuries time times occasions".split()
)
# Words ending in -s after a number that are not nouns it counts.
_NOT_NOUNS = frozenset(
    """this thus was has does is as its his hers ours yours theirs always perhaps sometimes nowadays besides
    afterwards towards across whereas unless plus minus versus overseas less more most since the a an
    of for in on at to from with by and or but than last next previous past each every per""".split()
)
# Between a noun and the action that is its verb: "pedestrians killed", "drivers were killed".
_AUXILIARY_GAP = re.compile(r"\s+(?:(?:were|was|are|is|have\s+been|had\s+been|has\s+been|being)\s+)?")
# Between an action and the figure that is its object: "killed 7,320", "killed about 7,320".
_OBJECT_GAP = re.compile(r"\s+(?:(?:about|around|nearly|almost|some|roughly|more\s+than|over|at\s+least|an\s+estimated)\s+)?")
# A noun in a prepositional phrase is not the clause's subject ("prosecutions for ... crimes"),
# except after "the number of", "a total of".
_OBJECT_OF = re.compile(r"\b(?<!number )(?<!total )(?<!count )(?<!tally )(?:for|of|involving|over|against|on|in)\s+(?:[\w'-]+\s+){0,4}$")
# Where the noun before a figure may stand: after the previous figure, within its clause.
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|whereas)\b")
_NOUN_BEFORE_WINDOW = 80
# The noun is the subject the figure is the level of: "cases of fraud numbered 6,200", "the number
# of cases went up to 9,481". An agent ("Prosecutors handled 3,000") is not what is counted.
_LEVEL_VERB = re.compile(
    r"(?:\s+(?:of|for|involving|related\s+to)\s+[\w'-]+(?:\s+[\w'-]+){0,4}?)?\s+(?:(?:has|have|had)\s+)?"
    r"(?:numbered|totalled|totaled|totals|total|reached|stood\s+at|stands\s+at|came\s+to|hit|topped|exceeded|amounted\s+to"
    r"|rose|fell|went\s+up|went\s+down|shot\s+up|grew|climbed|dropped|declined|jumped|increased|decreased|was|were|is|are)"
    r"(?:\s+to|\s+by)?(?:\s+(?:about|around|nearly|almost|some|roughly|more\s+than|over|under|fewer\s+than|less\s+than|up\s+to|at\s+least))?\s*"
)
_LEVEL_TAIL = re.compile(
    r"\b(?:numbered|totalled|totaled|totals|total|reached|at|to|hit|topped|exceeded|rose|fell|up|down|grew|climbed|dropped|declined|jumped|increased|decreased|was|were|is|are"
    r"|about|around|nearly|almost|some|roughly|than|over|under|least)\s*$"
)


_PER_WORD = re.compile(r"\b(?:per|for\s+every)\s")


def rate_denominators(folded: str, figures: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The spans of rate denominators in figures' unit phrases (number end to unit end): in
    "1.26 deaths per 100 million vehicle miles traveled" the miles and the travelling are what the
    deaths are measured against, never what the figure counts."""
    spans = []
    for _, number_end, unit_end in figures:
        per = _PER_WORD.search(folded, number_end, unit_end)
        if per is not None:
            spans.append((per.start(), unit_end))
    return spans


def outside(matches: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The phrase matches that do not overlap any of ``spans``."""
    if not spans:
        return matches
    return [m for m in matches if not any(start < m[1] and m[0] < end for start, end in spans)]


def compared_with(between: str) -> bool:
    """Whether the words between two figures (folded) make the second the one the first is compared
    with: its unit is the first one's, since like is compared with like."""
    return _COMPARED.match(between) is not None


def occasions(alias: str, folded: str, end: int) -> bool:
    """ "targeted 14 times since the spring": a number of occasions, not a multiple. "N times" is a
    multiple only before a comparison ("three times as many", "five times higher", "twice the")."""
    return alias == "times" and _MULTIPLE_AFTER.match(folded, end) is None


def own_noun(folded: str, end: int) -> tuple[str, int, int] | None:
    """The noun a figure counts when written right after it, or after "of the" ("35 states",
    "30 days", "38 of the 50 states", "35 other states"): (the words, their start, their end).
    Only plural nouns and time units are taken: "2,870 last year", "3,000 nationwide" have none.
    Whether it is a unit or a topic of the vocabulary is decided later (``counts_own_noun``)."""
    match = _OWN_NOUN.match(folded, end)
    if match is None:
        return None
    first, second = match.group("w1"), match.group("w2")
    if _countable(first):
        return first, match.start("w1"), match.end("w1")
    if second and second not in _TIME_UNITS and _countable(second) and first not in _NOT_NOUNS and not first.endswith(("ed", "ing", "ly")):
        return f"{first} {second}", match.start("w1"), match.end("w2")  # one modifier: "35 other states"
    return None


def _countable(word: str) -> bool:
    if word in _TIME_UNITS:
        return True
    return len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")) and word not in _NOT_NOUNS


def counts_own_noun(
    vocabulary: Vocabulary, noun: tuple[str, int, int] | None, start: int, topics: list[tuple[int, int, str]], actions: list[tuple[int, int, str]], folded: str
) -> str | None:
    """The own noun of the figure at folded[start:] that rules out a unit implied by its topic or
    action ("35 states" in a sentence about deaths is no count of people), or None.

    Not when the noun is a topic phrase ("50,000 cybercrimes": the topic's unit) or a time unit
    aside, not when an action with a unit is the noun's own verb: "7,320 pedestrians killed",
    "killed 7,320 pedestrians" count people, since the pedestrians are the ones killed.
    """
    if noun is None:
        return None
    words, n_start, n_end = noun
    if words.split()[-1] not in _TIME_UNITS:
        if any(n_start <= t_start < n_end for t_start, _, _ in topics):
            return None
        for a_start, a_end, action in actions:
            entry = vocabulary.action_entries.get(action)
            if entry is None or entry.unit is None:
                continue
            if _AUXILIARY_GAP.fullmatch(folded, n_end, a_start) or _OBJECT_GAP.fullmatch(folded, a_end, start):
                return None
    return words


def noun_before(aliases: PhraseTable, folded: str, low: int, start: int) -> tuple[str, int, int] | None:
    """The unit noun nearest before the figure in its clause ("cases of fraud numbered 6,200",
    "the number of cases went up to 9,481"), after ``low`` (the previous figure's end)."""
    if _LEVEL_TAIL.search(folded, max(low, start - 40), start) is None:
        return None  # no level verb before the figure: the alias scan (slow) is not needed
    window_start = max(low, start - _NOUN_BEFORE_WINDOW)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(folded, window_start, start)]
    if breaks:
        window_start = breaks[-1]
    found = None
    for match in aliases.regex.finditer(folded, window_start, start):
        found = match
    if found is None or _LEVEL_VERB.fullmatch(folded, found.end(), start) is None:
        return None
    if _OBJECT_OF.search(folded, window_start, found.start()):
        return None  # "prosecutions for network crimes reached 147,000": the crimes are not what is counted
    return aliases.lookup[" ".join(found.group(0).split())], found.start(), found.end()


def implied_unit(vocabulary: Vocabulary, topics: list[tuple[int, int, str]], metric: str, matched: bool, folded: str, end: int) -> tuple[str, str] | None:
    """(unit, why) from the vocabulary's `unit:` of the figure's topic or action.

    A topic phrase right after the figure is what it counts ("50,000 cybercrimes"): its unit comes
    first. Otherwise the action's unit ("killed" counts people), then the topic's.
    """
    for t_start, _, topic in topics:
        if t_start >= end and not folded[end:t_start].strip():
            unit = vocabulary.topic_entries[topic].unit
            if unit is not None:
                return unit, f"'{folded[t_start:_end_of(topics, t_start)]}' right after the figure: topic '{topic}' counts {unit}"
            break
    if not matched:
        _, _, action = metric.rpartition("/")
        entry = vocabulary.action_entries.get(action) if "/" in metric else None
        if entry is not None and entry.unit is not None:
            return entry.unit, f"action '{action}' counts {entry.unit}"
        return None
    topic, _, action = metric.partition("/")
    action_entry = vocabulary.action_entries.get(action) if action else None
    if action_entry is not None and action_entry.unit is not None:
        return action_entry.unit, f"action '{action}' counts {action_entry.unit}"
    named = topic_unit(vocabulary, topic)
    if named is not None:
        return named
    return None


def topic_unit(vocabulary: Vocabulary, topic: str) -> tuple[str, str] | None:
    """(unit, why) a topic counts: its `unit:`; else the one unit its phrases name ("knife
    offences", "offences involving a knife": case), when they name exactly one; else its parent's."""
    return memo(vocabulary, "topic unit", topic, lambda: _topic_unit(vocabulary, topic, set()))


def _topic_unit(vocabulary: Vocabulary, topic: str, seen: set[str]) -> tuple[str, str] | None:
    entry = vocabulary.topic_entries.get(topic)
    if entry is None or topic in seen:
        return None
    seen.add(topic)
    if entry.unit is not None:
        return entry.unit, f"topic '{topic}' counts {entry.unit}"
    named = {vocabulary.unit_aliases.lookup[" ".join(m.group(0).split())] for phrase in entry.phrases for m in vocabulary.unit_aliases.regex.finditer(phrase.lower())}
    if len(named) == 1:
        unit = named.pop()
        return unit, f"topic '{topic}': its phrases count {unit}"
    return _topic_unit(vocabulary, entry.parent, seen) if entry.parent and not named else None


def _end_of(matches: list[tuple[int, int, str]], start: int) -> int:
    return next(m_end for m_start, m_end, _ in matches if m_start == start)
