"""What the check kinds share: the consensus of a set of intervals, and how findings show things.

The consensus of claims about one fact is the value most of them allow: the point covered by the
most intervals, found by one sweep over the interval ends (open and closed ends honoured), so a
group of n claims costs n log n, and n when they all share a point (the common case).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from factcheck.model import Claim, Interval, Period, number_to_json

UNBOUNDED = Interval(None, None)


@dataclass(frozen=True, slots=True)
class Agreement:
    """The consensus of some intervals and which of them leave it."""

    consensus: Interval  # the intersection of the intervals that cover the best-supported point
    outliers: tuple[int, ...]  # positions of the intervals disjoint from ``consensus``
    support: int  # how many intervals cover the consensus
    tied: bool = False  # another value, outside the consensus, has the same support


def common(intervals: Iterable[Interval]) -> Interval:
    """The intersection of the intervals (unbounded for none; empty when they share no point)."""
    low: float | None = None
    high: float | None = None
    low_open = high_open = False
    for interval in intervals:
        if interval.low is not None and (low is None or interval.low > low):
            low, low_open = interval.low, interval.low_open
        elif interval.low is not None and interval.low == low:
            low_open = low_open or interval.low_open
        if interval.high is not None and (high is None or interval.high < high):
            high, high_open = interval.high, interval.high_open
        elif interval.high is not None and interval.high == high:
            high_open = high_open or interval.high_open
    return Interval(low, high, low_open, high_open)


def agreement(intervals: Sequence[Interval]) -> Agreement:
    """The point covered by the most intervals, the intersection of those, and the rest.

    Ties go to the lowest value (deterministic), and say so in ``tied``.
    """
    together = common(intervals)
    if not together.is_empty():
        return Agreement(together, (), len(intervals))
    values = sorted({end for interval in intervals for end in (interval.low, interval.high) if end is not None})
    position = {value: index for index, value in enumerate(values)}
    # Locations: 2i+1 is the point values[i]; 2i the open gap just below it; 2n the gap above all.
    size = 2 * len(values) + 1
    spans = [_span(interval, position, size) for interval in intervals]
    delta = [0] * (size + 1)
    for first, last in spans:
        if first <= last:
            delta[first] += 1
            delta[last + 1] -= 1
    counts = []
    running = 0
    for location in range(size):
        running += delta[location]
        counts.append(running)
    support = max(counts)
    best = counts.index(support)
    covering = [index for index, (first, last) in enumerate(spans) if first <= best <= last]
    consensus = common(intervals[index] for index in covering)
    outliers = tuple(index for index, (first, last) in enumerate(spans) if not first <= best <= last)
    first, last = _span(consensus, position, size)
    tied = any(count == support for location, count in enumerate(counts) if not first <= location <= last)
    return Agreement(consensus, outliers, support, tied)


def _span(interval: Interval, position: dict[float, int], size: int) -> tuple[int, int]:
    first = 0 if interval.low is None else 2 * position[interval.low] + (2 if interval.low_open else 1)
    last = size - 1 if interval.high is None else 2 * position[interval.high] + (0 if interval.high_open else 1)
    return first, last


def exceeds(part: Interval, whole: Interval) -> bool:
    """True when every value ``part`` allows is above every value ``whole`` allows."""
    if part.low is None or whole.high is None:
        return False
    return part.low > whole.high or (part.low == whole.high and (part.low_open or whole.high_open))


def soft_or_hard(claim: Claim) -> Interval:
    return claim.soft if claim.soft is not None else claim.value


def by_position(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """Claims in the order findings list them: by article, then by position, once each."""
    unique = {claim.id: claim for claim in claims}
    return tuple(sorted(unique.values(), key=lambda c: (c.article, c.start, c.id)))


def render(template: str | None, default: str, **fields: Any) -> str:
    """The rule's message template filled in; the default message when it names a field we lack."""
    if template:
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            pass
    return default


def quote(claim: Claim) -> str:
    return f"'{claim.text}' ({claim.article})"


def quote_all(claims: Iterable[Claim]) -> str:
    return ", ".join(quote(claim) for claim in claims)


def show_number(value: float) -> str:
    """A computed number for people: whole from 1,000 up, four significant digits below."""
    if abs(value) >= 1000:
        value = round(value)
    else:
        value = float(f"{value:.4g}")
    shown = number_to_json(value)
    return f"{shown:,}"


def show_interval(interval: Interval) -> str:
    left = "(" if interval.low_open or interval.low is None else "["
    right = ")" if interval.high_open or interval.high is None else "]"
    low = "-inf" if interval.low is None else show_number(interval.low)
    high = "inf" if interval.high is None else show_number(interval.high)
    if interval.low is not None and interval.low == interval.high and not interval.low_open:
        return f"[{low}]"
    return f"{left}{low}, {high}{right}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def describe_period(period: Period | None) -> str:
    """A period as people write it: 2023, 2019-2023, January–November 2023, as of 2020-04-07."""
    if period is None:
        return "no period"
    start, end = period.start, period.end
    if start is None:
        return f"as of {end.isoformat()}"
    month_end = (end + timedelta(days=1)).day == 1
    if start.day != 1 or not month_end:
        return f"{start.isoformat()}..{end.isoformat()}"
    if start.month == 1 and end.month == 12:
        return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    if start.year == end.year:
        if start.month == end.month:
            return f"{MONTHS[start.month - 1]} {start.year}"
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {start.year}"
    return f"{MONTHS[start.month - 1]} {start.year}–{MONTHS[end.month - 1]} {end.year}"


_WRITTEN = re.compile(r"^'([^']+)' = ")


def written_period(claim: Claim) -> str:
    """The claim's period, with the words it was written in where the dates alone say little.

    "2019-01-01..2024-03-12 (since 2019)"; a plain "2023" or "January–November 2023" stands alone.
    """
    shown = describe_period(claim.period)
    match = _WRITTEN.match(dict(claim.how).get("period", ""))
    if match and claim.period is not None and (".." in shown or shown.startswith("as of")):
        words = match.group(1)
        return f"{shown} ({words[:1].lower()}{words[1:]})"
    return shown


def within(inner: Period, outer: Period) -> bool:
    """True when ``inner`` lies inside ``outer``; an unknown start ("as of") is inside nothing but itself."""
    if inner == outer:
        return True
    if inner.start is None or outer.start is None:
        return False
    return outer.start <= inner.start and inner.end <= outer.end


def whole_years(period: Period) -> int | None:
    """How many calendar years the period spans exactly, or None when it is not whole years."""
    start, end = period.start, period.end
    if start is None or (start.month, start.day) != (1, 1) or (end.month, end.day) != (12, 31):
        return None
    return end.year - start.year + 1


def years_before(period: Period, years: int) -> Period:
    assert period.start is not None
    return Period(date(period.start.year - years, 1, 1), date(period.end.year - years, 12, 31))
