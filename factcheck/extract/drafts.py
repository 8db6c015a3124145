"""A claim being built from the numbers of a sentence, before its links are known, and the small
helpers that shape it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from factcheck.extract.numbers import SCALES, NumberMention
from factcheck.model import Claim, Interval


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
    unit_stated: bool = False  # a noun, sign or rate written with the figure
    rate: bool = False  # "31.2 per 100,000 people": its own unit, never a count


def merge_range(first: Draft, second: Draft) -> Draft:
    """Merge "between X and Y" into one draft; "between 2 and 3 million" shares the scale."""
    low, high = first.number, second.number
    if low.scale is None and high.scale is not None:
        low = replace(low, value=low.value * SCALES[high.scale], step=low.step * SCALES[high.scale], scale=high.scale)
    unit = second.unit or first.unit
    return Draft(low, first.start, second.end, unit, second.unit_how if second.unit else first.unit_how, second.noun, range_high=high)


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


def compared_level(claims: list[Claim], joined: str) -> Claim | None:
    """The level a comparison base is compared with: the latest earlier figure of the sentence
    that is not a change ("5,470 offences, up 5% from 5,190": the 5,470), when the figure is
    joined to the one before it as a base ("from", "against", "compared with")."""
    if joined != "base":
        return None
    return next((claim for claim in reversed(claims) if claim.kind not in ("change", "share")), None)
