"""Resolving a time mention to an inclusive period against an anchor date (see ``periods``,
whose docstring lists the decisions)."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from factcheck.calendar import last_day
from factcheck.extract.period_patterns import Spec
from factcheck.model import Period

if TYPE_CHECKING:
    from factcheck.extract.periods import TimeMention

_T = TypeVar("_T")


class _NeedsAnchor(Exception):
    """A relative expression met no anchor date."""


class _Vague(Exception):
    """An expression that names no period at all."""


class _Unconfigured(Exception):
    """A financial year whose months the vocabulary does not give: the message says why."""


@dataclass
class _Resolved:
    """A period, the phrase that names it, how unstated parts were decided, and whether the anchor was used."""

    period: Period
    phrase: str
    notes: list[str] = field(default_factory=list)
    anchored: bool = False


def resolve_period(mention: TimeMention, anchor: date | None) -> tuple[Period | None, str]:
    """The period ``mention`` stands for, resolved against ``anchor``, and how it was decided."""
    if isinstance(anchor, datetime):
        anchor = anchor.date()  # a datetime would not compare with the dates built here
    quoted = f"'{mention.text}'"
    try:
        found = _resolve(mention._spec, anchor)
    except _NeedsAnchor:
        return None, f"{quoted} is relative and the article has no date to resolve it against"
    except _Vague:
        return None, f"{quoted} is vague: no definite period can be read from it"
    except _Unconfigured as unknown:
        return None, f"{quoted} {unknown}"
    except (ValueError, OverflowError):
        return None, f"{quoted} does not resolve to a valid calendar date against {anchor}"
    period = found.period
    if period.start is not None and period.start > period.end:
        return None, f"{quoted} would start ({period.start}) after it ends ({period.end}), resolved against {anchor}"
    notes = found.notes if found.anchored else [*found.notes, "stated in full, no anchor date needed"]
    return period, "; ".join([f"{quoted} = {_show(period)}: {found.phrase}", *notes])


def _show(period: Period) -> str:
    if period.start is None:
        return f"up to {period.end.isoformat()} (start not stated)"
    if period.start == period.end:
        return period.start.isoformat()
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def _need(anchor: date | None) -> date:
    if anchor is None:
        raise _NeedsAnchor
    return anchor


_PART_KINDS = frozenset({"month", "quarter", "half", "firstmonths", "monthsto"})


def _known(value: _T | None) -> _T:
    """A value the grammar always sets; a ValueError (reported as unresolvable) if it is not."""
    if value is None:
        raise ValueError("incomplete time expression")
    return value


def _year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31))


def _resolve(spec: Spec, anchor: date | None) -> _Resolved:
    kind = spec.kind
    if kind == "year":
        return _Resolved(_year(_known(spec.year)), f"the calendar year {spec.year}")
    if kind in _PART_KINDS:
        return _resolve_part(spec, anchor)
    if kind == "day":
        if spec.year is not None:
            day = date(spec.year, spec.a, spec.b)
            return _Resolved(Period(day, day), f"the day {day}")
        today = _need(anchor)
        day = _most_recent_day(spec.a, spec.b, today)
        return _Resolved(Period(day, day), f"the day {day}", [f"no year stated: the most recent such day on or before {today}"], True)
    if kind == "range":
        return _resolve_range(spec, anchor)
    if kind in ("since", "asof", "endof", "startof"):
        inner_spec = spec.inner[0]
        if kind in ("asof", "endof") and inner_spec.kind in _PART_KINDS:
            # "as of March", "by the end of the third quarter": a total at a date that has passed.
            inner = _resolve_part(inner_spec, anchor, ended=True)
        else:
            inner = _resolve(inner_spec, anchor)
        start, end = inner.period.start, inner.period.end
        if kind == "since":
            today = _need(anchor)
            return _Resolved(Period(_known(start), today), f"from the start of {inner.phrase} up to {today}", inner.notes, True)
        if kind == "asof":
            return _Resolved(Period(None, end), f"a total as of {end}, {inner.phrase}; its start is not stated", inner.notes, inner.anchored)
        point = _known(end if kind == "endof" else start)
        edge = "last" if kind == "endof" else "first"
        return _Resolved(Period(point, point), f"the {edge} day of {inner.phrase}", inner.notes, inner.anchored)
    if kind == "vague":
        raise _Vague
    if kind in ("splityear", "fiscalyear"):
        return _resolve_fiscal(spec)
    return _resolve_relative(spec, _need(anchor))


def _resolve_fiscal(spec: Spec) -> _Resolved:
    """A financial year: twelve months from the configured start month (scopes vocabulary
    ``fiscal_year_start``); without one its months are unknown, and no period beats a wrong one."""
    year, month = _known(spec.year), spec.a
    split = spec.kind == "splityear"
    if split and spec.b:
        raise _Unconfigured("is a season, school or tax year: no vocabulary gives its months, so its period is unknown")
    if not month:
        raise _Unconfigured(
            "is a financial year, and the scopes vocabulary gives no fiscal_year_start for the article's scope: "
            "which twelve months it covers is unknown"
        )
    if month == 1:
        if split:
            raise _Unconfigured("is a split year, but the scope's financial year is the calendar year (fiscal_year_start: January): its period is unknown")
        return _Resolved(_year(year), f"the financial year {year}, the calendar year (fiscal_year_start: January)")
    first = year if split else year - 1
    end = date(first + 1, month, 1) - timedelta(days=1)
    name = _calendar.month_name[month]
    return _Resolved(
        Period(date(first, month, 1), end),
        f"the financial year from {name} {first} to {_calendar.month_name[end.month]} {end.year} (fiscal_year_start: {name})",
    )


def _part(spec: Spec, y: int) -> tuple[Period, str, str]:
    """Bounds of a month, quarter, half or "first N months" in year y; its name with and without y."""
    if spec.kind == "month":
        name = _calendar.month_name[spec.a]
        return Period(date(y, spec.a, 1), last_day(y, spec.a)), f"{name} {y}", name
    if spec.kind == "quarter":
        first = 3 * (spec.a - 1) + 1
        return Period(date(y, first, 1), last_day(y, first + 2)), f"Q{spec.a} {y}", f"Q{spec.a}"
    if spec.kind == "half":
        first = 6 * (spec.a - 1) + 1
        name = f"{'first' if spec.a == 1 else 'second'} half"
        return Period(date(y, first, 1), last_day(y, first + 5)), f"the {name} of {y}", name
    if spec.kind == "monthsto":
        # The b months that end with month a of year y: "the year to March 2024" is April 2023 to March 2024.
        month = _calendar.month_name[spec.a]
        index = y * 12 + spec.a - 1 - (spec.b - 1)
        start = date(index // 12, index % 12 + 1, 1)
        words = {12: "twelve", 3: "three", 6: "six", 9: "nine"}.get(spec.b, str(spec.b))
        return Period(start, last_day(y, spec.a)), f"the {words} months to the end of {month} {y}", f"{words} months to {month}"
    name = f"first {spec.a} months"
    return Period(date(y, 1, 1), last_day(y, spec.a)), f"the {name} of {y}", name


def _resolve_part(spec: Spec, anchor: date | None, ended: bool = False) -> _Resolved:
    """A month, quarter, half or "first N months" of an explicit, relative or unstated year."""
    if spec.year is not None:
        period, phrase, _ = _part(spec, spec.year)
        return _Resolved(period, phrase)
    today = _need(anchor)
    if spec.rel is not None:
        period, phrase, _ = _part(spec, today.year + spec.rel)
        which = {0: "this year", -1: "last year", 1: "next year"}.get(spec.rel, "that year")
        return _Resolved(period, phrase, [f"{which} counted from {today}"], True)
    period, phrase, name = _part(spec, today.year)
    # Cumulative "first N months" figures appear once the stretch is over; a named month, quarter
    # or half may be the current one, but not one still to come.
    ended = ended or spec.kind in ("firstmonths", "monthsto")
    if _known(period.end if ended else period.start) > today:
        period, phrase, name = _part(spec, today.year - 1)
    rule = "had ended" if ended else "had begun"
    return _Resolved(period, phrase, [f"no year stated: the most recent {name} that {rule} by {today}"], True)


def _most_recent_day(month: int, day: int, today: date) -> date:
    y = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    for _ in range(8):  # 29 February: step back to a leap year
        if day <= _calendar.monthrange(y, month)[1]:
            return date(y, month, day)
        y -= 1
    raise ValueError("no such day")


def _order(spec: Spec) -> tuple[int, int]:
    """Position within a year, to tell that "November to February" crosses a new year."""
    return (spec.a, spec.b if spec.kind == "day" else 1)


def _resolve_range(spec: Spec, anchor: date | None) -> _Resolved:
    """From the start of the first to the end of the second, a missing year taken from the other."""
    first, second = spec.inner
    notes: list[str] = []
    anchored = False
    if second.kind != "year" and second.year is None:
        if first.year is not None:
            y = first.year + (1 if _order(second) < _order(first) else 0)
            notes.append(f"the end's year taken from the start: {y}")
        else:
            # Like "the first 11 months": the most recent such stretch that had ended.
            today = _need(anchor)
            anchored = True
            y = today.year if _resolve(replace(second, year=today.year), None).period.end <= today else today.year - 1
            notes.append(f"no year stated: the most recent such stretch that had ended by {today}")
        second = replace(second, year=y)
    if first.kind != "year" and first.year is None:
        y = _known(second.year) - (1 if _order(first) > _order(second) else 0)
        first = replace(first, year=y)
        if not notes:
            notes.append(f"the start's year taken from the end: {y}")
    start, end = _resolve(first, None), _resolve(second, None)
    phrase = f"from the start of {start.phrase} to the end of {end.phrase}, both included"
    return _Resolved(Period(start.period.start, end.period.end), phrase, notes, anchored)


def _resolve_relative(spec: Spec, today: date) -> _Resolved:
    kind = spec.kind
    if kind == "yearrel":
        rel = spec.rel or 0
        if rel == 0:
            return _Resolved(Period(date(today.year, 1, 1), today), f"this year so far, from 1 January to {today}", anchored=True)
        period = _year(today.year + rel)
        relation = {-1: "the calendar year before", 1: "the calendar year after"}.get(rel, f"{-rel} calendar years before")
        return _Resolved(period, f"{today.year + rel}, {relation} {today}", anchored=True)
    if kind == "weekday":
        back = (today.weekday() - spec.a) % 7
        if spec.b and back == 0:
            back = 7  # "last Tuesday" on a Tuesday is a week ago
        day = today - timedelta(days=back)
        rule = "strictly before" if spec.b else "on or before"
        name = _calendar.day_name[spec.a]
        return _Resolved(Period(day, day), f"{name} {day}, the most recent {name} {rule} {today}", anchored=True)
    if kind == "dayrel":
        day = today + timedelta(days=spec.a)
        return _Resolved(Period(day, day), f"{day}, the day before {today}", anchored=True)
    if kind == "weekrel":
        monday = today - timedelta(days=today.weekday())
        if spec.a == 0:
            return _Resolved(Period(monday, today), f"this week so far, from Monday {monday} to {today}", anchored=True)
        start = monday - timedelta(days=7)
        return _Resolved(Period(start, start + timedelta(days=6)), f"the Monday-to-Sunday week before the week of {today}", anchored=True)
    if kind == "monthrel":
        if spec.a == 0:
            return _Resolved(Period(today.replace(day=1), today), f"this month so far, from the 1st to {today}", anchored=True)
        before = today.replace(day=1) - timedelta(days=1)
        return _Resolved(Period(before.replace(day=1), before), f"the calendar month before {today}", anchored=True)
    # "past": N complete years (b=12) or months (b=1) before the anchor's year or month.
    count = spec.a
    if spec.b == 12:
        period = Period(date(today.year - count, 1, 1), date(today.year - 1, 12, 31))
        return _Resolved(period, f"the {count} complete calendar years before {today.year}, the year of {today}", anchored=True)
    end = today.replace(day=1) - timedelta(days=1)
    index = end.year * 12 + end.month - 1 - (count - 1)
    start = date(index // 12, index % 12 + 1, 1)
    return _Resolved(Period(start, end), f"the {count} complete months before the month of {today}", anchored=True)
