"""What the check kinds share: the consensus of intervals, the selection of fact groups, and how
findings show claims, numbers and periods.

The consensus of claims about one fact is the value most of them allow: the point covered by the
most intervals, found by one sweep over the interval ends (open and closed ends honoured), so a
group of n claims costs n log n, and n when they all share a point (the common case).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import MINYEAR, date
from operator import attrgetter
from typing import Any

from factcheck.checks.base import LoadedRule
from factcheck.fact_key import FactKey, describe_period
from factcheck.findings import Finding
from factcheck.model import Claim, Identity, Interval, Period

UNBOUNDED = Interval(None, None)


@dataclass(frozen=True, slots=True)
class Agreement:
    """The consensus of some intervals and which of them leave it."""

    consensus: Interval  # the intersection of the intervals that cover the best-supported point
    outliers: tuple[int, ...]  # positions of the intervals disjoint from ``consensus``
    support: int  # how many intervals cover the consensus
    tied: bool = False  # another value, outside the consensus, has the same support


@dataclass(frozen=True, slots=True)
class Agreed:
    """What the claims of one fact agree on, for a check that compares it with another fact.

    A part is compared with the value its whole's claims agree on, a change's level and the level
    it implies with the agreed level of their facts, not with any claim of them: a stray figure
    misread into a fact ("35 states" read as 35 deaths) must not decide a verdict about it. When
    no value has the most support (``disputed``), there is no agreed value; the agree check
    reports that disagreement, and a check comparing with the fact may make a finding only where
    it holds against every claim of the fact.
    """

    claims: tuple[Claim, ...]  # every claim of the fact
    agreement: Agreement  # of their hard intervals

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> Agreed:
        return cls(tuple(claims), agreement([claim.value for claim in claims]))

    @property
    def disputed(self) -> bool:
        return self.agreement.tied

    @property
    def consensus(self) -> Interval:
        return self.agreement.consensus

    @property
    def supporting(self) -> tuple[Claim, ...]:
        """The claims that allow the consensus (all of them when they all agree)."""
        if not self.agreement.outliers:
            return self.claims
        left = set(self.agreement.outliers)
        return tuple(claim for index, claim in enumerate(self.claims) if index not in left)


def common(intervals: Iterable[Interval]) -> Interval:
    """The intersection of the intervals (unbounded for none; empty when they share no point)."""
    if not isinstance(intervals, (list, tuple)):
        intervals = list(intervals)
    # Tuples compare as wanted: at an equal bound an open end is the tighter one.
    lows = [(i.low, i.low_open) for i in intervals if i.low is not None]
    highs = [(i.high, not i.high_open) for i in intervals if i.high is not None]
    low, low_open = max(lows) if lows else (None, False)
    high, high_closed = min(highs) if highs else (None, True)
    return Interval(low, high, low_open, not high_closed)


def agreement(intervals: Sequence[Interval]) -> Agreement:
    """The point covered by the most intervals, the intersection of those, and the rest.

    Ties go to the lowest value (deterministic), and say so in ``tied``.
    """
    together = common(intervals)
    if not together.is_empty():
        return Agreement(together, (), len(intervals))
    # Restated figures repeat intervals: sweep the distinct ones, each weighted by its count.
    keys = [(i.low, i.high, i.low_open, i.high_open) for i in intervals]
    weights = Counter(keys)
    distinct = dict(zip(keys, intervals))
    spans = {key: _span(interval) for key, interval in distinct.items()}
    # Each interval covers a run of places: (v, -1) just below v, (v, 0) v itself, (v, 1) just
    # above v. Sorting the starts before the ends at one place, a sweep counts the cover.
    events = [(first, 0, weights[key]) for key, (first, last) in spans.items() if first <= last]
    events += [(last, 1, weights[key]) for key, (first, last) in spans.items() if first <= last]
    events.sort()
    running = support = 0
    peaks: list[tuple[float, int]] = []
    for place, is_end, weight in events:
        if is_end:
            running -= weight
            continue
        running += weight
        if running > support:
            support, peaks = running, [place]
        elif running == support:
            peaks.append(place)
    if not peaks:  # every interval is empty
        return Agreement(UNBOUNDED, tuple(range(len(intervals))), 0)
    best = peaks[0]
    covering = {key for key, (first, last) in spans.items() if first <= best <= last}
    consensus = common([distinct[key] for key in covering])
    outliers = tuple(index for index, key in enumerate(keys) if key not in covering)
    first, last = _span(consensus)
    tied = any(not first <= place <= last for place in peaks)
    return Agreement(consensus, outliers, support, tied)


_INFINITY = float("inf")


def _span(interval: Interval) -> tuple[tuple[float, int], tuple[float, int]]:
    first = (-_INFINITY, 0) if interval.low is None else (interval.low, 1 if interval.low_open else 0)
    last = (_INFINITY, 0) if interval.high is None else (interval.high, -1 if interval.high_open else 0)
    return first, last


def exceeds(part: Interval, whole: Interval) -> bool:
    """True when every value ``part`` allows is above every value ``whole`` allows."""
    if part.low is None or whole.high is None:
        return False
    return part.low > whole.high or (part.low == whole.high and (part.low_open or whole.high_open))


def soft_or_hard(claim: Claim) -> Interval:
    return claim.soft if claim.soft is not None else claim.value


_POSITION = attrgetter("article", "start", "id")


def by_position(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """Claims in the order findings list them: by article, then by position, once each."""
    unique = {claim.id: claim for claim in claims}
    return tuple(sorted(unique.values(), key=_POSITION))


def render(template: str | None, default: str, fields: Callable[[], dict[str, Any]]) -> str:
    """The rule's message template filled in; the default message when it names a field we lack.

    ``fields`` is called only when there is a template: listing every claim of a large group
    costs more than the check.
    """
    if template:
        try:
            return template.format(**fields())
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            pass
    return default


def make_finding(
    rule: LoadedRule,
    check: str,
    default: str,
    fields: dict[str, Any] | Callable[[], dict[str, Any]],
    key: FactKey,
    claims: tuple[Claim, ...],
    severity: str | None = None,
    fact: str | None = None,
    whole: FactKey | None = None,
    rests_on: Iterable[Claim] = (),
    certain_without: bool = False,
    **extra: Any,
) -> Finding:
    """A finding of ``rule`` about ``key``, its message from the rule's template or ``default``.

    An error needs every identity field of every claim it rests on certain: the claims it lists,
    and ``rests_on``, those it does not list but depends on (the rest of a much restated level,
    the level a period was taken from). One that rests on a guess is a warning, and its message
    says which field of which claim was guessed. ``certain_without``: the check found the same
    fault among the certain claims alone, so the guessed ones do not carry it.
    """
    lazy = fields if callable(fields) else (lambda: fields)
    message = render(rule.rule.message, default, lazy)
    severity = severity or rule.rule.severity
    guesses = [] if certain_without else guessed_fields(by_position([*claims, *rests_on]) if rests_on else claims)
    if guesses and severity == "error":
        severity = "warning"
        message += f" (a warning, not an error: {describe_guesses(guesses)})"
    return Finding(
        rule=rule.id,
        check=check,
        severity=severity,
        message=message,
        fact=fact if fact is not None else key.describe(),
        claims=claims,
        key=key,
        whole=whole,
        guessed=tuple(name for name in Identity._fields if any(name in names for _, names in guesses)),
        **extra,
    )


def claim_guesses(claim: Claim) -> tuple[str, ...]:
    """The identity fields of ``claim`` an error may not rest on; an unknown scope is no scope."""
    identity = claim.identity
    return tuple(
        name for name, decision in zip(Identity._fields, identity)
        if not decision.certain and not (name == "scope" and decision.basis == "unknown")
    )


def guessed_fields(claims: Iterable[Claim]) -> list[tuple[Claim, tuple[str, ...]]]:
    """Each claim with a guessed identity field, and those fields."""
    found = []
    for claim in claims:
        names = claim_guesses(claim)
        if names:
            found.append((claim, names))
    return found


GUESSES_SHOWN = 3


def describe_guesses(guesses: list[tuple[Claim, tuple[str, ...]]]) -> str:
    """"the unit of '2,281' (a) was guessed", at most GUESSES_SHOWN claims named."""
    parts = [f"the {' and '.join(names)} of {quote(claim)}" for claim, names in guesses[:GUESSES_SHOWN]]
    more = len(guesses) - GUESSES_SHOWN
    text = "; ".join(parts) + (f" and {more:,} more claims" if more > 0 else "")
    return text + (" was guessed" if len(guesses) == 1 and len(guesses[0][1]) == 1 else " were guessed")


def quote(claim: Claim) -> str:
    return f"'{claim.text}' ({claim.article})"


def quote_all(claims: Iterable[Claim]) -> str:
    return ", ".join(quote(claim) for claim in claims)


def show_number(value: float) -> str:
    """A computed number for people: whole from 1,000 up, four significant digits below."""
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1000:
        return f"{round(value):,}"
    rounded = float(f"{value:.4g}")
    return f"{int(rounded):,}" if rounded == int(rounded) else f"{rounded:,}"


def show_interval(interval: Interval) -> str:
    """An interval for a message: four significant digits, so derived values stay readable."""
    return interval.show(show_number)


def written_period(claim: Claim) -> str:
    """The claim's period, with the words it was written in where the dates alone say little.

    "2019-01-01..2024-03-12 (since 2019)"; a plain "2023" or "January–November 2023" stands alone.
    The words are the origin of a stated period decision, never read back from ``how``.
    """
    shown = describe_period(claim.period)
    decision = claim.identity.period
    if decision.basis == "stated" and decision.origin and claim.period is not None and (".." in shown or shown.startswith("as of")):
        words = decision.origin
        return f"{shown} ({words[:1].lower()}{words[1:]})"
    return shown


def whole_years(period: Period) -> int | None:
    """How many calendar years the period spans exactly, or None when it is not whole years."""
    start, end = period.start, period.end
    if start is None or (start.month, start.day) != (1, 1) or (end.month, end.day) != (12, 31):
        return None
    return end.year - start.year + 1


def years_before(period: Period, years: int) -> Period | None:
    """The whole-year period ``years`` earlier; None before the year 1, which dates cannot hold."""
    assert period.start is not None
    if period.start.year - years < MINYEAR:
        return None
    return Period(date(period.start.year - years, 1, 1), date(period.end.year - years, 12, 31))
