"""Time expressions in text, and the periods they stand for.

``find_time_mentions`` finds every date and period expression; ``resolve_period`` turns one into
an inclusive ``Period`` against an anchor date (the article's publication date, or a listing
item's date) and says in one line how it decided. With no anchor, relative expressions resolve to
``None`` with the reason; absolute ones still resolve, and say "no anchor date needed". Nothing is
guessed silently.

Roles. ``period``: a time a figure can be about ("in 2023", "as of Tuesday"). ``speech``: when
something was said or held ("said Sunday", "told reporters on Monday", "the figures were released
on April 8", "On 25 Jan., the SPP held a press conference"). ``date``: any other date: after a
label or a rule word ("Updated: Apr 9, 2020", "effective May 1, 2024", "takes effect on"), a date
alone at the head of a line or after a dateline city ("BEIJING, March 12 (Xinhua)"), and the year of
"the 2024 work report" (its period is a vocabulary rule about the source, not this year). Only
day-level expressions (a date, a weekday, "yesterday") can be ``speech``; a day after "on" or with
no preposition is ``speech`` next to a speech verb, and a ``period`` otherwise ("5 people were
arrested on Sunday"; "12 suspects were released on Sunday" is passive, so no speech).

Decisions (each explanation repeats the one it used):

- Mention text includes the preposition when there is one ("in 2023", "since 2019", "as of
  Tuesday", "on Sunday"), except a plain "of", which only introduces ("the end of" does count).
- A bare 4-digit year (1900-2100) counts only after a time preposition (in, for, during, since, by,
  until, through, from, of...), before "'s" or "(work) report", after "the year", inside a range
  or a date, or as the second year of "in 2019 and 2020". After "of", "for", "by" or "from" it
  must not run on into a noun ("a total of 2023 suspects" is a count).
- Month names are case-sensitive ("may" is a verb); standing alone ("in March") only full names.
- An expression may wrap a line but never spans a blank line.
- "since X": from the start of X to the anchor. "as of X", "by X", "until X", "up to X", "(at/by)
  the end of X": start None (not stated), end the last day of X.
- Weekdays: the most recent such day on or before the anchor ("as of Tuesday" in a Thursday
  article is two days earlier; "on Sunday" in a Sunday article is that day); "last Tuesday" is
  strictly before the anchor.
- A month, quarter or half without a year: the most recent one that had begun by the anchor ("in
  March" on 2024-03-12 is March 2024; "the third quarter" on 2024-03-12 is 2023 Q3, not a quarter
  still to come: a figure is about the current or a past period). "as of March", "by the end of
  the third quarter": the most recent one that had ended, since a total is taken at a past date.
- "the first 11 months" and a yearless "January to November": the most recent year in which that
  stretch had ended by the anchor, since cumulative figures are published after the stretch ends.
  A range with one year gives it to the other end ("November to February 2024" starts in 2023).
- A day without a year ("25 Jan."): the most recent such day on or before the anchor.
- "the past N years" / "the last N years": the N complete calendar years before the anchor's year,
  (Y-N)-01-01 .. (Y-1)-12-31. Government work reports and year-end reviews count that way ("the
  past five years" in the 2023 report is 2018-2022), and it makes such totals comparable with
  "from 2018 to 2022"; the part of the anchor's year so far is not counted. "the past N months":
  the N complete months before the anchor's month. "the past decade": 10 years.
- "this year", "this month", "this week": from their first day to the anchor.
- "a year earlier", "the previous year" and "last year" all resolve to the anchor's year - 1,
  although in "up 5% from a year earlier" the phrase is a comparison base, not the period of the
  5%: which figure a mention belongs to is the claim extractor's decision.
- "in recent years", "the past few years", "the past year" (12 months, or the last calendar
  year?) are periods that resolve to None as vague.
- Not dates: "April 31", "2024-02-30" (left to the number extractor), "2019-05" (a year and a
  month or a range? neither is guessed).
- Anchors at the calendar's edges (date.min, date.max) give None with the reason, never an
  exception.

Speed: ``_scan`` tries the grammar only around trigger tokens (see period_patterns.TRIGGER_RE);
5-7 MB/s on the example corpus and seeds (3,200 mentions a MB), 16 MB/s on text without dates,
0.7 MB/s on synthetic text with a date every 25 characters (the cost is per mention, ~35 us).
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TypeVar

from factcheck.calendar import last_day
from factcheck.extract.period_patterns import (
    DATE_LINE_LABEL_RE,
    DATE_WORDS_BEFORE_REVERSED_RE,
    DATELINE_RE,
    DAY_KINDS,
    DOCUMENT_PASSIVE_RE,
    LEADIN_REVERSED_RE,
    NEXT_WORD_RE,
    PASSIVE_RE,
    SPEECH_AFTER_RE,
    SPEECH_BEFORE_RE,
    TIME_RE,
    TRIGGER_RE,
    WORD_START_RE,
    YEAR_FOLLOWERS,
    YEAR_LIST_RE,
    Spec,
    spec_of,
    wrap,
)
from factcheck.model import Period

__all__ = ["TimeMention", "find_time_mentions", "resolve_period"]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One date or period expression as written; ``resolve_period`` gives its dates."""

    start: int  # offsets into the text given to find_time_mentions
    end: int
    text: str
    role: str  # "period" | "speech" | "date" (see the module docstring)
    _spec: Spec = field(repr=False)  # what it means, before an anchor date is applied


# -- roles -------------------------------------------------------------------------------------

def _role(text: str, reversed_text: str, start: int, end: int, spec: Spec, prep: str, label: bool) -> str:
    if label:
        return "date"
    if DATE_WORDS_BEFORE_REVERSED_RE.match(reversed_text, len(text) - start):
        return "date"
    if spec.kind not in DAY_KINDS:
        return "period"  # a year, a month, and any since/as-of total, whatever verb is near
    line_start = text.rfind("\n", 0, start) + 1
    # Sliced, not pos/endpos: \A only ever matches at a string's real start.
    line_head = text[line_start:start] if start - line_start <= 80 else None
    if line_head is not None and DATE_LINE_LABEL_RE.search(line_head):
        return "date"
    if not prep and spec.kind == "day" and line_head is not None and DATELINE_RE.match(line_head):
        return "date"
    if prep in ("", "on"):
        window_start = max(line_start, start - 100)
        speech = SPEECH_BEFORE_RE.search(text, window_start, start)
        if speech and _active(text, window_start, speech.start()):
            return "speech"
        if _opens_clause(text, start, line_start):
            after = SPEECH_AFTER_RE.match(text, end)
            if after and _active(text, end, after.end() - len(after.group(0).split()[-1])):
                return "speech"
    return "period"


def _active(text: str, start: int, verb: int) -> bool:
    """Whether the speech verb at ``verb`` is active, or a passive whose subject is a document."""
    return not PASSIVE_RE.search(text, start, verb) or bool(DOCUMENT_PASSIVE_RE.search(text, start, verb))


def _opens_clause(text: str, start: int, line_start: int) -> bool:
    before = text[max(line_start, start - 4) : start].rstrip()
    return not before or before[-1] in ".!?\"'“”:;"


# -- finding -----------------------------------------------------------------------------------


def find_time_mentions(text: str) -> list[TimeMention]:
    """All date and period expressions in ``text``: sorted by start, non-overlapping, longest wins."""
    mentions: list[TimeMention] = []
    last_end = 0
    reversed_text = text[::-1]  # for the leftward matches (lead-ins, date labels)
    for match in _scan(text, reversed_text):
        if match.start() < last_end:
            continue  # inside a year list added below
        mention = _mention(text, reversed_text, match)
        if mention is None:
            continue
        mentions.append(mention)
        last_end = mention.end
        if mention._spec.kind == "year" and match.lastgroup in ("k_year", "k_possessive", "k_yearword"):
            # "in 2019 and 2020": each year of the list is a mention of its own.
            while more := YEAR_LIST_RE.match(text, last_end):
                year = more.group("y")
                mentions.append(TimeMention(more.start("y"), more.end(), year, mention.role, Spec("year", year=int(year))))
                last_end = more.end()
    return mentions


def _scan(text: str, reversed_text: str | None = None, fast: bool = True) -> Iterator[re.Match[str]]:
    """The TIME_RE matches of ``text``, as ``TIME_RE.finditer`` finds them, but tried only where a
    trigger token makes a match possible (see period_patterns.TRIGGER_RE); ``fast=False`` is the
    plain finditer the tests compare against."""
    if not fast:
        yield from TIME_RE.finditer(text)
        return
    done = 0
    size = len(text)
    if reversed_text is None:
        reversed_text = text[::-1]
    for trigger in TRIGGER_RE.finditer(text):
        at = trigger.start()
        while done <= at:
            # Where the chain of lead-in words before the trigger starts ("as of the end of the").
            lead = LEADIN_REVERSED_RE.match(reversed_text, size - at)
            position = max(size - lead.end(), done) if lead else at
            match = None
            while position <= at:
                match = TIME_RE.match(text, position)
                if match is not None:
                    break
                following = WORD_START_RE.search(text, position + 1, at + 1)
                if following is None:
                    break
                position = following.start()
            if match is None:
                break
            yield match
            # An empty match cannot happen (every branch consumes text); guard the loop anyway.
            done = max(match.end(), done + 1)


def _mention(text: str, reversed_text: str, match: re.Match[str]) -> TimeMention | None:
    spec = spec_of(match)
    if spec is None:
        return None
    prep = " ".join((match.group("prep") or "").split()).lower()
    kind = match.lastgroup
    if kind == "k_year" and prep in ("of", "for", "by", "from"):
        # "a total of 2023 suspects": after these a year must not run on into a noun.
        word = NEXT_WORD_RE.match(text, match.end())
        if word and word.group(1) not in YEAR_FOLLOWERS:
            return None
    start = match.start()
    if prep == "of":
        # "of" only introduces ("the end of" is a prefix of its own and stays).
        start = match.end("prep")
        prep = ""
    spec = wrap(spec, prep)
    end = match.end()
    return TimeMention(start, end, text[start:end], _role(text, reversed_text, start, end, spec, prep, kind == "k_label"), spec)


# -- resolving ---------------------------------------------------------------------------------


class _NeedsAnchor(Exception):
    """A relative expression met no anchor date."""


class _Vague(Exception):
    """An expression that names no period at all."""


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


_PART_KINDS = frozenset({"month", "quarter", "half", "firstmonths"})


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
    return _resolve_relative(spec, _need(anchor))


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
    ended = ended or spec.kind == "firstmonths"
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
