"""Month and weekday names shared by the dateline reader and the period resolver."""

from __future__ import annotations

import calendar as _calendar
from datetime import date

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(_calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {}
for _number, _name in enumerate(_calendar.day_name):
    WEEKDAYS[_name.lower()] = _number
    WEEKDAYS[_name[:3].lower()] = _number

MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY_PATTERN = r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:rs(?:day)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)"


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def last_day(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])
