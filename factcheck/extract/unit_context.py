"""Units a figure's words imply beyond the noun right after it: rates, nouns before it, and the
units the metrics vocabulary gives a topic or an action ("deaths" count people).

The decisions, from most to least certain: a noun written after or before the figure is
"stated"; a rate ("31.2 per 100,000 people", "a crime rate of 31.2") is stated and is its own
unit, never a count; a unit named by the vocabulary for the figure's topic or action is
"implied"; a unit carried from an earlier figure with no noun of its own is "guessed".
"""

from __future__ import annotations

import re

from factcheck.vocabulary import PhraseTable, Vocabulary

# "per 100,000 people", "per 1,000 residents", "per capita", "per million inhabitants".
_PER = re.compile(
    r"\s*(?:for\s+every|per|every)\s+(?:(?P<count>100,000|100 000|100000|10,000|10000|1,000|1000|100|a\s+hundred\s+thousand|one\s+hundred\s+thousand|hundred\s+thousand|ten\s+thousand|a\s+thousand|thousand|a\s+million|one\s+million|million)"
    r"(?:\s+(?:people|persons|residents|inhabitants|population|citizens|of\s+the\s+population))?|(?P<capita>capita|head|person|resident|inhabitant))\b"
)
_DENOMINATORS = {
    "100,000": "100k", "100 000": "100k", "100000": "100k", "a hundred thousand": "100k", "one hundred thousand": "100k",
    "hundred thousand": "100k", "10,000": "10k", "10000": "10k", "ten thousand": "10k", "1,000": "1k", "1000": "1k",
    "a thousand": "1k", "thousand": "1k", "100": "100", "a million": "1m", "one million": "1m", "million": "1m",
}
# "a crime rate of 31.2", "the homicide rate stood at 0.5": a rate with its denominator unsaid.
_RATE_BEFORE = re.compile(r"\brates?\s+(?:of|was|is|were|stood\s+at|at|fell\s+to|rose\s+to|dropped\s+to|reached)\s+(?:about\s+|around\s+|some\s+)?$")
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
# The unit noun sits in a complement of the subject's head: "prosecutions for ... crimes".
_IN_A_COMPLEMENT = re.compile(r"\b(?P<head>[a-z][\w'-]*)\s+(?:of|for|involving|related\s+to|against)\s+(?:[\w'-]+\s+){0,4}$")
_COUNT_HEADS = frozenset("number numbers total totals count tally figure figures".split())
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


def rate_after(folded: str, end: int) -> tuple[str, int] | None:
    """The denominator of a rate written at folded[end:] ("100k", "capita") and where it ends."""
    match = _PER.match(folded, end)
    if match is None:
        return None
    if match.group("capita"):
        return "capita", match.end()
    return _DENOMINATORS[" ".join(match.group("count").split())], match.end()


def rate_before(folded: str, start: int) -> bool:
    """True when "rate of" (or "rate stood at") stands just before the figure."""
    return _RATE_BEFORE.search(folded, max(0, start - 40), start) is not None


def rate_unit(numerator: str | None, denominator: str | None) -> str:
    """The unit of a rate: "case_per_100k" for cases per 100,000 people, "rate" when neither is said."""
    if denominator is None:
        return f"{numerator}_rate" if numerator else "rate"
    return f"{numerator or 'rate'}_per_{denominator}"


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
    inside = _IN_A_COMPLEMENT.search(folded, window_start, found.start())
    if inside is not None and inside.group("head") not in _COUNT_HEADS:
        # "Prosecutions for assisting network crimes reached 147,000": the crimes are what the
        # prosecutions are for; the head of the subject ("prosecutions") is what is counted.
        return None
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


_TOPIC_UNITS: dict[int, tuple[object, dict[str, tuple[str, str] | None]]] = {}


def topic_unit(vocabulary: Vocabulary, topic: str) -> tuple[str, str] | None:
    """(unit, why) a topic counts: its `unit:`; else the one unit its phrases name ("knife
    offences", "offences involving a knife": case), when they name exactly one; else its parent's."""
    held = _TOPIC_UNITS.get(id(vocabulary))
    if held is None or held[0] is not vocabulary:
        held = (vocabulary, {})
        _TOPIC_UNITS.clear()  # one vocabulary is in use at a time; keep none alive
        _TOPIC_UNITS[id(vocabulary)] = held
    cache = held[1]
    if topic not in cache:
        cache[topic] = _topic_unit(vocabulary, topic, set())
    return cache[topic]


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
