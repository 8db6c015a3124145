"""Publication dates as pages write them: one date expression, and the dateline near the top.

A dateline is only ever taken from the head of a page (the first ~15 non-empty lines, 1,500
characters) and only in the shapes datelines have: a line that is nothing but a date, or a date
after a label (``Updated:``, ``Published``, ``date``). A year or a date inside a sentence of the
body is never a publication date: relative periods would silently resolve against a guess.
"""

from __future__ import annotations

import re
from datetime import date

from factcheck.calendar import MONTH_PATTERN, WEEKDAY_PATTERN, month_number

HEAD_LINES = 15
HEAD_CHARS = 1500

_WEEKDAY = rf"(?:{WEEKDAY_PATTERN}\.?,?\s+)?"
# Each alternative names its groups so that one regex serves parse_date and find_dateline.
_DATE = (
    r"(?<![\w/.-])(?:"
    r"(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})"
    rf"|(?P<m1>{MONTH_PATTERN})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_PATTERN})\.?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<cy>\d{4})\s*年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*日"
    r")(?!(?!T\d)\w)"
)
# A clock time and zone after the date, as in ISO timestamps and RFC 2822 dates.
_TIME = (
    r"(?:(?:T|,?\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|[A-Z]{2,4}(?![a-z])))?)?"
)
_ONE_DATE = re.compile(rf"{_WEEKDAY}{_DATE}{_TIME}", re.IGNORECASE)
_LABEL = (
    r"(?:last\s+|first\s+)?(?:updated|published|posted|released|date[d]?)"
    r"(?:\s+(?:on|at))?\s*[:：]?\s*"
)
# A label counts only at the start of a line or after a byline separator ("By X | Updated: ...").
_LABELLED = re.compile(rf"(?:^|[|·•/])\s*(?P<label>{_LABEL}){_WEEKDAY}(?P<date>{_DATE})", re.IGNORECASE)


def _from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        if groups["iy"]:
            return date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        if groups["y1"]:
            return date(int(groups["y1"]), month_number(groups["m1"]), int(groups["d1"]))
        if groups["y2"]:
            return date(int(groups["y2"]), month_number(groups["m2"]), int(groups["d2"]))
        if groups["cy"]:
            return date(int(groups["cy"]), int(groups["cm"]), int(groups["cd"]))
    except (ValueError, KeyError):
        # 2024-02-30 or month 13: not a date, so not a dateline.
        return None
    return None


def parse_date(text: str) -> date | None:
    """The date of one date expression (``March 12, 2024``, ``Tue, 30 Mar 2021``, ``2024-03-08T10:00Z``).

    The whole string, stripped, must be the date (an optional weekday before it, an optional time
    after it); anything else gives None.
    """
    match = _ONE_DATE.fullmatch(text.strip())
    if match is None:
        return None
    return _from_match(match)


def find_dateline(text: str) -> tuple[date, int, int] | None:
    """The publication date in the head of ``text`` and the span of the dateline (label included).

    Looks at the first ``HEAD_LINES`` non-empty lines that start within ``HEAD_CHARS`` characters.
    A line counts when it is only a date (``2024-03-12``, ``Tue, 30 Mar 2021``), or when it has a
    labelled date at its start or after a byline separator, whatever follows it
    (``Updated: Apr 9, 2020 China Daily Print``, `` date 2024-03-08 In a significant ...``).
    """
    seen = 0
    start = 0
    while start < len(text) and start < HEAD_CHARS and seen < HEAD_LINES:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end]
        if line.strip():
            seen += 1
            found = _dateline_in_line(line)
            if found is not None:
                when, first, last = found
                return when, start + first, start + last
        start = end + 1
    return None


def _dateline_in_line(line: str) -> tuple[date, int, int] | None:
    stripped = line.strip()
    if stripped:
        when = parse_date(stripped)
        if when is not None:
            first = line.index(stripped)
            return when, first, first + len(stripped)
    labelled = _LABELLED.search(line)
    if labelled is not None:
        inner = _ONE_DATE.match(line, labelled.start("date"))
        when = _from_match(inner) if inner else None
        if when is not None:
            return when, labelled.start("label"), labelled.end("date")
    return None


def is_date_line(line: str) -> bool:
    """True for a line that is nothing but a date: the date line of a listing item."""
    return parse_date(line) is not None
