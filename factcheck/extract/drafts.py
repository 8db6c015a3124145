"""A claim being built from the numbers of a sentence, before its links are known, and the small
helpers that shape it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from factcheck.extract.numbers import SCALES, NumberMention
from factcheck.model import UNKNOWN, Claim, Decision, Interval


@dataclass
class Draft:
    """A claim being built; frozen into a Claim once links are known."""

    number: NumberMention
    start: int  # in article text
    end: int
    unit: str | None
    unit_how: str
    noun: str | None
    range_high: NumberMention | None = None  # "between X and Y": Y
    unit_decision: Decision = UNKNOWN  # stated: a noun, sign or rate written with the figure
    rate: bool = False  # "31.2 per 100,000 people", no declared unit: its own unit and kind, never a count
    own_noun: tuple[str, int, int] | None = None  # "35 states": the words a unit-less figure counts, in the sentence


def merge_range(first: Draft, second: Draft) -> Draft:
    """Merge "between X and Y" into one draft; "between 2 and 3 million" shares the scale."""
    low, high = first.number, second.number
    if low.scale is None and high.scale is not None:
        low = replace(low, value=low.value * SCALES[high.scale], step=low.step * SCALES[high.scale], scale=high.scale)
    unit = second.unit or first.unit
    named = second if second.unit else first
    return Draft(low, first.start, second.end, unit, named.unit_how, second.noun, range_high=high, unit_decision=named.unit_decision, rate=named.rate)


def between_start(sentence: str, start: int) -> int:
    return sentence.lower().rfind("between", 0, start)


def scaled(interval: Interval, factor: float) -> Interval:
    return Interval(
        interval.low * factor if interval.low is not None else None,
        interval.high * factor if interval.high is not None else None,
        interval.low_open,
        interval.high_open,
    )


def claim_id(article_id: str, flat_sentence: str, text: str, seen: dict[str, int]) -> str:
    """Stable while the sentence stands: moving a paragraph keeps it, editing the sentence changes it."""
    base = flat_sentence + "\0" + text
    occurrence = seen.get(base, 0)
    seen[base] = occurrence + 1
    digest = hashlib.sha1(f"{base}\0{occurrence}".encode()).hexdigest()[:10]
    return f"{article_id}:{digest}"


# "rose by 12,000", "employment was down 6,000", "a fall of 8,000", "added 47,000 jobs": a change
# in a count. "Rose to 12,000" and "up from 5,800" are levels.
_COUNT_CHANGE = re.compile(
    r"(?:\b(?:(?P<up_by>rose|risen|rises|rising|increased|increases|increasing|grew|grown|grows|growing|jumped|jumping|climbed|climbing|gained|gaining|went\s+up|was\s+up|were\s+up|is\s+up|are\s+up)\s+by"
    r"|(?P<down_by>fell|fallen|falls|falling|dropped|drops|dropping|declined|declines|declining|decreased|decreases|decreasing|went\s+down|was\s+down|were\s+down|is\s+down|are\s+down)\s+by"
    r"|(?P<up_was>(?:was|were|is|are)\s+up)|(?P<down_was>(?:was|were|is|are)\s+down)"
    r"|(?P<up_of>an?\s+(?:increase|rise|gain|jump)\s+of)|(?P<down_of>an?\s+(?:decrease|decline|drop|fall|loss|reduction)\s+of)"
    r"|(?P<up_verb>added|adds|adding|gained|gains|created|creates|creating)|(?P<down_verb>shed|sheds|shedding|lost|loses|losing|cut|cuts|eliminated)))"
    r"\s+(?:(?:about|around|some|roughly|nearly|almost|more\s+than|over|just\s+over|just\s+under|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)


# "47,000 jobs were added", "12,000 positions were lost": the change stated after the count.
_COUNT_CHANGE_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:(?P<up>added|created|gained)|(?P<down>lost|shed|cut|eliminated))\b",
    re.IGNORECASE,
)


def count_change(sentence: str, start: int, end: int | None = None) -> tuple[int, str] | None:
    """(sign, the words) when the words just before ``start`` (or, passive, just after ``end``)
    make a count there a change."""
    match = _COUNT_CHANGE.search(sentence, max(0, start - 40), start)
    if match is None and end is not None:
        after = _COUNT_CHANGE_AFTER.match(sentence, end)
        if after is not None:
            return (-1 if after.group("down") else 1), after.group(0).strip()
    if match is None:
        return None
    down = any(match.group(name) for name in ("down_by", "down_was", "down_of", "down_verb"))
    return (-1 if down else 1), match.group(0).strip()
