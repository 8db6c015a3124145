"""The meaning of a time expression: a TIME_RE match (period_patterns) translated into a Spec.

Split from ``period_patterns``, which keeps the grammar (what text is a time expression); this
module says what each branch's groups mean, before any anchor date is applied.
"""

from __future__ import annotations

import re

from factcheck.calendar import WEEKDAYS, month_number
from factcheck.extract.period_patterns import _NUMBER_WORDS, _ORDINALS, Spec

_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _int(value: str) -> int:
    return int(value) if value.isdigit() else _NUMBER_WORDS[value.lower()]


def _day(day: str) -> int:
    return int(day.rstrip("stndrdth"))


def _day_spec(m: re.Match[str], p: str, year: str | None) -> Spec | None:
    if m.group(p + "_m"):
        month, day = month_number(m.group(p + "_m")), _day(m.group(p + "_d"))
    else:
        month, day = month_number(m.group(p + "_m2")), _day(m.group(p + "_d2"))
    if day > _MONTH_DAYS[month]:
        return None  # "April 31" is no date; not matching it leaves the number to the extractor
    return Spec("day", month, day, year=int(year) if year else None)


def _yref_fields(m: re.Match[str], p: str) -> tuple[int | None, int | None]:
    year, rel = m.group(p + "_y"), m.group(p + "_rel")
    if year:
        return int(year), None
    if rel:
        word = rel.lower().split()[0 if not rel.lower().startswith("the") else 1]
        return None, {"this": 0, "current": 0, "next": 1, "coming": 1}.get(word, -1)
    return None, None


def spec_of(m: re.Match[str]) -> Spec | None:
    """The meaning of one TIME_RE match, or None when it turns out not to be a date."""
    kind = m.lastgroup
    group = m.group
    if kind == "k_iso":
        month, day = int(group("iso_m")), int(group("iso_d"))
        if not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month]:
            return None
        return Spec("day", month, day, year=int(group("iso_y")))
    if kind == "k_dayrange":
        first = _day_spec(m, "dr1", group("dr1_y"))
        if group("dr2_d3"):
            month = first.a if first else 1
            day = _day(group("dr2_d3"))
            second: Spec | None = Spec("day", month, day, year=int(group("dr2_y")) if group("dr2_y") else None)
            if day > _MONTH_DAYS[month]:
                second = None
        else:
            second = _day_spec(m, "dr2", group("dr2_y"))
        return Spec("range", inner=(first, second)) if first and second else None
    if kind in ("k_date", "k_md"):
        p = "dt" if kind == "k_date" else "md"
        return _day_spec(m, p, group("dt_y") if kind == "k_date" else None)
    if kind == "k_monthrange":
        y1, y2 = group("mr1_y"), group("mr2_y")
        return Spec(
            "range",
            inner=(
                Spec("month", month_number(group("mr1_m")), year=int(y1) if y1 else None),
                Spec("month", month_number(group("mr2_m")), year=int(y2) if y2 else None),
            ),
        )
    if kind == "k_yearrange":
        y1 = int(group("yr1_y"))
        if group("yr2_short"):
            short = int(group("yr2_short"))
            if short <= y1 % 100:
                # "2019-05" is no range of years; a year and month would be a guess, so nothing.
                return None
            y2 = y1 - y1 % 100 + short
        else:
            y2 = int(group("yr2_y") or group("yr2_slash"))
        if y2 < y1:
            return None
        if y2 == y1 + 1 and not group("yr2_y"):
            # "2023/24", "2023-24": one twelve-month year from 2023 into 2024, never two calendar years.
            return Spec("splityear", year=y1)
        return Spec("range", inner=(Spec("year", year=y1), Spec("year", year=y2)))
    if kind == "k_fiscal":
        return _fiscal_spec(m)
    if kind == "k_yearto":
        year_text = group("yt_y")
        months = 12 if group("yt_year") else 3 if group("yt_quarter") else _int(group("yt_n"))
        return Spec("monthsto", month_number(group("yt_m")), months, year=int(year_text) if year_text else None)
    if kind == "k_monthyear":
        return Spec("month", month_number(group("my_m")), year=int(group("my_y")))
    if kind == "k_part":
        ordinal = group("pt_ord").lower()
        unit = group("pt_unit").lower()
        number = _ORDINALS.get(ordinal, 4 if unit == "quarter" else 2)  # "last"/"final"
        if unit == "half" and number > 2:
            return None
        year, rel = _yref_fields(m, "pt")
        return Spec(unit, number, year=year, rel=rel)
    if kind == "k_code":
        if group("cq_q") or group("cq_q2"):
            year_text = group("cq_y") or group("cq_y2")
            return Spec("quarter", int(group("cq_q") or group("cq_q2")), year=int(year_text) if year_text else None)
        return Spec("half", int(group("ch_h") or group("ch_h2")), year=int(group("ch_y") or group("ch_y2")))
    if kind == "k_firstn":
        count = _int(group("fn_n")) * (3 if group("fn_unit").lower() == "quarters" else 1)
        if not 1 <= count <= 12:
            return None
        year, rel = _yref_fields(m, "fn")
        return Spec("firstmonths", count, year=year, rel=rel)
    if kind == "k_past":
        if group("pa_decade"):
            return Spec("past", 10, 12)
        count = _int(group("pa_n"))
        if count < 1:
            return None
        return Spec("past", count, 12 if group("pa_unit").lower() == "years" else 1)
    if kind == "k_vague":
        return Spec("vague")
    if kind == "k_rel":
        return _rel_spec(m)
    if kind == "k_weekday":
        return Spec("weekday", WEEKDAYS[group("wd").lower()], 1 if group("wd_last") else 0)
    if kind in ("k_yearword", "k_label", "k_possessive", "k_year"):
        name = {"k_yearword": "yw_y", "k_label": "lb_y", "k_possessive": "ps_y", "k_year": "by_y"}[kind]
        return Spec("year", year=int(group(name)))
    if kind == "k_month":
        return Spec("month", month_number(group("bm_m")))
    return None  # pragma: no cover - every branch is handled above


def _fiscal_spec(m: re.Match[str]) -> Spec:
    """ "FY2024", "fiscal 2024": the financial year that ends in 2024 (US federal, UK, Australian and
    Indian usage; a Japanese FY2024 starts in 2024 and is not read so). "FY2023/24": the split
    year. ``a``, the month the financial year starts in, is set from the scopes vocabulary by
    ``periods.find_time_mentions``; ``b`` = 1 marks a season, school or tax year, whose months
    are not the financial year's."""
    group = m.group
    if group("fp_yy"):
        return Spec("fiscalyear", year=2000 + int(group("fp_yy")))
    p = "fp" if group("fp_y") else "fw" if group("fw_y") else "fs"
    other = 1 if group("fs_other") else 0
    first, short, long = int(group(p + "_y")), group(p + "_short"), group(p + "_long")
    if short is None and long is None:
        return Spec("vague") if other else Spec("fiscalyear", year=first)
    second = int(long) if long else first - first % 100 + int(short)
    if second != first + 1:
        return Spec("vague")  # "fiscal 2023-25" names no one financial year
    return Spec("splityear", b=other, year=first)


def _rel_spec(m: re.Match[str]) -> Spec:
    group = m.group
    if group("rel_samep"):
        return Spec("vague")  # without the figure it is compared with, no period at all
    if group("rel_samey"):
        # Without the figure it is compared with, all that is known is the year.
        return Spec("year", year=int(group("rel_samey")))
    if group("rel_ybl"):
        return Spec("yearrel", rel=-2)
    if group("rel_ym1") or group("rel_same"):
        return Spec("yearrel", rel=-1)
    if group("rel_y0"):
        return Spec("yearrel", rel=0)
    if group("rel_yp1"):
        return Spec("yearrel", rel=1)
    if group("rel_nago"):
        return Spec("yearrel", rel=-_int(group("rel_nago")))
    if group("rel_mm1"):
        return Spec("monthrel", -1)
    if group("rel_m0"):
        return Spec("monthrel", 0)
    if group("rel_wm1"):
        return Spec("weekrel", -1)
    if group("rel_w0"):
        return Spec("weekrel", 0)
    return Spec("dayrel", -1)  # yesterday


def wrap(spec: Spec, prep: str) -> Spec:
    """Apply what the preposition says: since X, as of X, the end of X."""
    if not prep:
        return spec
    if "end" in prep or "close" in prep:
        spec = Spec("endof", inner=(spec,))
    elif "start" in prep or "beginning" in prep:
        spec = Spec("startof", inner=(spec,))
    first = prep.split()[0]
    if first in ("since",) or (first == "from" and spec.kind in ("endof", "startof")):
        return Spec("since", inner=(spec,))
    if first in ("as", "by", "until", "till", "through", "up") or (spec.kind == "endof" and first in ("at", "in", "end", "the", "end-")):
        return Spec("asof", inner=(spec,))
    if spec.kind == "endof":
        # "the end of 2023" alone, as a figure's period, is a total at that date.
        return Spec("asof", inner=(spec,))
    return spec
