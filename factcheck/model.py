"""The data every stage passes on: intervals, periods, articles and claims.

Plain frozen dataclasses rather than pydantic models: a run may hold a million claims, and
pydantic is kept for validating what users write (rule and claim files).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, Protocol


class Interval(NamedTuple):
    """A range of numbers; ``None`` is unbounded on that side.

    A named tuple rather than a dataclass: intervals and periods are dictionary keys for a million
    claims, and tuples hash and compare in C.
    """

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value)

    def is_empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        if self.low > self.high:
            return True
        return self.low == self.high and (self.low_open or self.high_open)

    def intersect(self, other: Interval) -> Interval:
        low, low_open = _tighter_low(self, other)
        high, high_open = _tighter_high(self, other)
        return Interval(low, high, low_open, high_open)

    def overlaps(self, other: Interval) -> bool:
        return not self.intersect(other).is_empty()

    def contains(self, other: Interval) -> bool:
        """True when every number of ``other`` lies in this interval."""
        return self.intersect(other) == other

    def to_json(self) -> dict[str, Any]:
        return {
            "low": number_to_json(self.low),
            "high": number_to_json(self.high),
            "low_open": self.low_open,
            "high_open": self.high_open,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Interval:
        return cls(data["low"], data["high"], bool(data["low_open"]), bool(data["high_open"]))

    def __str__(self) -> str:
        return self.show(format_number)

    def show(self, number: Callable[[float], str]) -> str:
        """"[50,500, 51,500)", "(50,000, inf)", "[1,976]", with ``number`` formatting the ends."""
        left = "(" if self.low_open or self.low is None else "["
        right = ")" if self.high_open or self.high is None else "]"
        low = "-inf" if self.low is None else number(self.low)
        high = "inf" if self.high is None else number(self.high)
        if self.low is not None and self.low == self.high and not self.low_open:
            return f"[{low}]"
        return f"{left}{low}, {high}{right}"


def _tighter_low(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.low is None:
        return b.low, b.low_open
    if b.low is None or a.low > b.low:
        return a.low, a.low_open
    if b.low > a.low:
        return b.low, b.low_open
    return a.low, a.low_open or b.low_open


def _tighter_high(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.high is None:
        return b.high, b.high_open
    if b.high is None or a.high < b.high:
        return a.high, a.high_open
    if b.high < a.high:
        return b.high, b.high_open
    return a.high, a.high_open or b.high_open


def number_to_json(value: float | None) -> int | float | None:
    """Whole numbers as ints so that JSON and YAML read 51000, not 51000.0."""
    if value is None:
        return None
    if math.isfinite(value) and value == int(value) and abs(value) < 2**53:
        return int(value)
    return round(value, 10)


def format_number(value: float) -> str:
    as_json = number_to_json(value)
    return f"{as_json:,}"


class Period(NamedTuple):
    """An inclusive date range; ``start`` is None for "as of" totals whose start is not said."""

    start: date | None
    end: date

    def to_json(self) -> dict[str, str | None]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Period:
        start = data.get("start")
        return cls(date.fromisoformat(str(start)) if start else None, date.fromisoformat(str(data["end"])))

    def __str__(self) -> str:
        start = self.start.isoformat() if self.start else ""
        return f"{start}..{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class ArticleItem:
    """One dated entry of a listing page: its relative dates resolve against its own date."""

    start: int
    end: int
    title: str | None
    published: date | None


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    title: str | None
    publisher: str | None
    published: date | None
    url: str | None
    text: str
    sha256: str
    source_map: SourceMapLike
    items: tuple[ArticleItem, ...] = ()
    # Spans of ``text`` that are page furniture (related stories, footers): never searched for claims.
    furniture: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()
    # The scope its figures apply to when their clause names none: front matter `scope:` or a
    # <meta name="factcheck:scope">, as written (a scopes vocabulary id or phrase).
    scope: str | None = None

    def metadata_json(self) -> dict[str, Any]:
        """What extract's JSON and the claim files say about the article itself."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
        }

    def item_at(self, offset: int) -> ArticleItem | None:
        for item in self.items:
            if item.start <= offset < item.end:
                return item
        return None

    def anchor_date(self, offset: int) -> tuple[date | None, str]:
        """The date that relative periods at ``offset`` resolve against, and where it comes from."""
        item = self.item_at(offset)
        if item is not None and item.published is not None:
            return item.published, f"date of the listing item '{item.title or '?'}'"
        if self.published is not None:
            return self.published, "publication date of the article"
        return None, "the article has no publication date"

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.source_map.line_col(offset)


class SourceMapLike(Protocol):
    """What an Article needs from a source map (see ``documents.locations.SourceMap``)."""

    def line_col(self, offset: int) -> tuple[int, int]: ...


KINDS = ("count", "change", "share", "ratio", "rate", "money")

# How an identity field of a claim (period, unit, metric, scope) was decided, from most to least
# certain. "stated": written in the claim's own sentence or phrase. "carried": taken from an
# explicit statement elsewhere (a lede, heading, listing item, earlier sentence, a source's
# period); ``Decision.origin`` names the place. "implied": a vocabulary entry says so ("deaths"
# count people). "guessed": a default with no statement behind it (the article's date, a unit
# carried over without a noun). "unknown": not decided; the claim is never the same fact as another.
BASES = ("stated", "carried", "implied", "guessed", "unknown")
CERTAIN_BASES = frozenset({"stated", "carried", "implied"})


class Decision(NamedTuple):
    """How one identity field was decided.

    ``origin`` says where from: for "stated", the words the value was written in ("since 2019");
    for "carried", the place it was carried from (``FROM_SOURCE`` when a cited source supplied it);
    for the others, what the default or guess rests on.
    """

    basis: str  # one of BASES
    origin: str | None = None

    @property
    def certain(self) -> bool:
        return self.basis in CERTAIN_BASES


UNKNOWN = Decision("unknown")
# The origin of a period a claim takes from the source it cites ("the 2024 work report": 2023).
FROM_SOURCE = "source"


class Identity(NamedTuple):
    """The decisions behind a claim's fact identity: checks read these, never ``Claim.how``."""

    period: Decision = UNKNOWN
    unit: Decision = UNKNOWN
    metric: Decision = UNKNOWN
    scope: Decision = UNKNOWN

    def guessed_fields(self) -> tuple[str, ...]:
        """The identity fields an error may not rest on (guessed or unknown), in field order."""
        return tuple(name for name, decision in zip(self._fields, self) if not decision.certain)


@dataclass(frozen=True, slots=True)
class Claim:
    """One numeric statement, normalised.

    ``how`` records, field by field, how each value was decided: ``factcheck explain`` and the
    HTML report show it, and a reviewer correcting a claim file reads it.
    """

    id: str
    article: str
    text: str
    start: int
    end: int
    line: int
    column: int
    sentence: str
    value: Interval
    soft: Interval | None
    qualifier: str | None
    unit: str | None
    metric: str
    metric_matched: bool
    period: Period | None
    kind: str
    source: str | None
    # The period the source's figures cover ("the 2024 work report": 2023), when known.
    source_period: Period | None = None
    # The date its relative periods were resolved against: the article's or its listing item's.
    dated: date | None = None
    # Relations to other claims of the article: ("part_of", id) for "of whom", ("change_from", id)
    # and ("change_to", id) for the levels a change links.
    links: tuple[tuple[str, str], ...] = field(default=())
    how: tuple[tuple[str, str], ...] = field(default=())
    corrected: bool = False
    # Where the figure applies (a scopes vocabulary id: a country, province, city or agency).
    scope: str | None = None
    # For a change: the period of the level it is measured from ("up 12 % on 2022": 2022).
    base_period: Period | None = None
    identity: Identity = Identity()

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``claim_codec`` (the one place the fields are spelled out)."""
        from factcheck.claim_codec import claim_to_json

        return claim_to_json(self)
