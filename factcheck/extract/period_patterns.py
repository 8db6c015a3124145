"""The time-expression grammar: compiled regexes; ``period_specs`` translates a match into a Spec.

A ``Spec`` says what an expression means independently of any date ("the most recent March",
"the calendar year before the anchor"); ``periods.resolve_period`` turns it into dates. Keeping
the two apart lets one extraction serve any anchor, and keeps this file about text only.

TIME_RE is one alternation, compiled once. Python's alternation takes the first branch that
matches, not the longest, so branches are ordered longest form first (ranges before the dates and
months they are made of, full dates before day-and-month). For speed it is not run at every
position: ``periods._scan`` tries it only just before trigger tokens (TRIGGER_RE, LEADIN_*), and
word lists are prefix tries (``_trie``) with one-character gates per branch, because sre tries
alternatives one at a time. The roles' context patterns (speech verbs, date labels) are in
``period_context``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from factcheck.calendar import MONTH_PATTERN, WEEKDAY_PATTERN


@dataclass(frozen=True, slots=True)
class Spec:
    """What a time expression means, before an anchor date is applied.

    ``kind`` decides which fields count: ``a``/``b`` are month, day, quarter, count or weekday
    numbers; ``year`` an explicit year; ``rel`` a year relative to the anchor's (-1 = last year);
    ``inner`` the expressions a range or a since/as-of/end-of wrapper is built from. For
    ``splityear`` ("2023/24", year = its first year) and ``fiscalyear`` ("FY2024", year = the year
    it ends in), ``a`` is the month the financial year starts in (0: not configured).
    """

    kind: str
    a: int = 0
    b: int = 0
    year: int | None = None
    rel: int | None = None
    inner: tuple[Spec, ...] = ()


# Day-level kinds: the only ones that can be "when something was said" or a document's date.
# Kinds that can be the time something was said ("said Sunday", "announced this week").
DAY_KINDS = frozenset({"day", "weekday", "dayrel", "weekrel"})

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_FULL_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


def _trie(words: Iterable[str]) -> str:
    """An alternation of words factored by common prefix ("th(?:e|is|rough(?:out)?)"): sre tries
    alternatives one by one, so a flat list of 60 words costs 60 tries at every candidate start.
    A space in a word stands for whitespace. Callers follow each word with whitespace or a word
    boundary, so the one word that fits is found whatever order the branches are tried in."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return render(root)


def reversed_words(words: Iterable[str]) -> str:
    """The trie of ``words`` spelled backwards, to match them leftwards on reversed text."""
    return _trie(word[::-1] for word in words)


# -- building blocks ------------------------------------------------------------------------
# Every named group must be unique in the combined regex, so blocks take the group name.
# Years are 1900..2100, never part of a longer digit run or a "2,023"/"2023.5" number.
_Y = r"(?:19\d\d|20\d\d|2100)(?!\d)(?![.,]\d)"
# Month names are case-sensitive on purpose: "may" is a verb, "May" a month. An abbreviation
# takes its full stop ("25 Jan."), a full name never does (that dot ends the sentence).
_M = rf"{MONTH_PATTERN}(?![A-Za-z])(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"
# Standing alone ("in March"), only full names: "in Jan" is as likely a person.
_M_FULL = rf"(?:{'|'.join(_FULL_MONTHS)})(?![A-Za-z])"
_D = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)(?![.,]\d)"
_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_WD_PREFIX = rf"(?:{WEEKDAY_PATTERN}(?![A-Za-z])(?:(?<=Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.|(?<=Tues|Thur)\.|(?<=Thurs)\.)?,?\s+)?"
_NUM = rf"(?:\d{{1,2}}|{_trie(_NUMBER_WORDS)})"
# "between A and B" needs "and"; otherwise "to", "through", "until" or a dash joins a range.
_CONN = r"(?(pbetween)\s+(?i:and)\s+|(?:\s*[-–—]\s*|\s+(?i:to|through|until|till|thru)\s+))"
_REL_YEAR = r"(?i:this|last|next|the\s+(?:previous|preceding|prior|current|coming))\s+(?i:year)(?![\w-])"


def _yref(p: str) -> str:
    """The year a quarter, half or "first N months" belongs to: explicit, relative or "the year"."""
    return (
        rf"(?:\s+(?i:of\s+)?(?:(?i:the\s+year\s+)?{_g(p + '_y', _Y)}"
        rf"|{_g(p + '_rel', _REL_YEAR)}|(?i:the\s+year)(?![\w-])))?"
    )


def _day_month(p: str) -> str:
    """"March 12" or "12 March", "the 12th of March"; groups p_m/p_d or p_m2/p_d2."""
    return rf"(?:{_g(p + '_m', _M)}\s+{_g(p + '_d', _D)}|(?i:the\s+)?{_g(p + '_d2', _D)}\s+(?i:of\s+)?{_g(p + '_m2', _M)})"


_TWO_DIGITS = r"\d\d"


def _split_year(p: str) -> str:
    """A year, or a split year ("2023/24", "2023-24", "2023–2024"); groups p_y, p_short, p_long."""
    long, short = _g(p + "_long", r"(?:19|20)\d\d"), _g(p + "_short", r"\d\d")
    return rf"{_g(p + '_y', _Y)}(?:\s*[-–/]\s*(?:{long}|{short})(?![\w/-]))?"


# Prepositions. "strong" ones may introduce a bare year or month ("in 2023", "since March");
# weak ones only longer forms ("on Sunday", "over the past five years"). "the end of" and
# "end-" are prepositions here too: they turn whatever follows into its last day.
_EDGE = (
    r"(?:(?:as\s+(?:of|at)|by|at|in|until|till|through|since|from|to|towards?)\s+)?"
    r"(?:(?:the\s+)?(?:end|start|beginning|close)\s+of\s+|end-)"
)
_STRONG = _trie("in during since until till through throughout by for of from".split() + ["as of", "as at"])
_WEAK = _trie(["on", "over", "at", "up to"])
_PREFIX = (
    r"(?<![\w$€£¥#@/])(?<!\d[.,])(?<!\d-)"
    rf"(?:(?P<pbetween>(?i:between)\s+)|(?P<prep>(?P<strong>(?i:{_EDGE})|(?i:{_STRONG})\s+)|(?i:{_WEAK})\s+))?"
)

_BRANCHES = [
    ("k_iso", r"(?P<iso_y>(?:19|20)\d\d)(?P<iso_sep>[-/])(?P<iso_m>[01]?\d)(?P=iso_sep)(?P<iso_d>[0-3]?\d)(?![\w/-])"),
    # "the year ending March 2024", "the 12 months to June", "the year to December": official
    # statistics' rolling years, the twelve months that end with the month named.
    (
        "k_yearto",
        rf"(?i:the\s+)?(?i:(?P<yt_year>(?:financial\s+|fiscal\s+)?year)|(?P<yt_quarter>quarter)"
        rf"|{_g('yt_n', '(?:twelve|nine|six|three|12|9|6|3)')}\s+months)\s+(?i:to|ending|ended|up\s+to|through)\s+"
        rf"(?i:the\s+end\s+of\s+)?{_g('yt_m', _M_FULL)}(?:,?\s+{_g('yt_y', _Y)})?(?![\w-])",
    ),
    # Financial years: "FY2024", "FY24", "fiscal 2024", "financial year 2023/24", "the 2023-24
    # financial year"; a split year named as a season, school or tax year is not the financial one.
    (
        "k_fiscal",
        rf"(?i:the\s+)?(?:FY\s?(?:{_split_year('fp')}|{_g('fp_yy', _TWO_DIGITS)}(?![\w/-]))"
        rf"|(?i:fiscal(?:\s+year)?|financial\s+year)\s+{_split_year('fw')}"
        rf"|{_split_year('fs')}\s+(?i:(?P<fs_fiscal>fiscal|financial)\s+year|(?P<fs_other>(?:tax|school|academic)\s+year|season))(?![\w-]))",
    ),
    (
        "k_dayrange",
        rf"{_WD_PREFIX}{_day_month('dr1')}(?:,?\s+{_g('dr1_y', _Y)})?{_CONN}{_WD_PREFIX}"
        # The second day may omit its month ("March 1-15, 2024").
        rf"(?:{_day_month('dr2')}|{_g('dr2_d3', _D)}(?=,?\s+(?:19|20)\d\d|\s*[,.;)]|\s*$))(?:,?\s+{_g('dr2_y', _Y)})?",
    ),
    ("k_date", rf"{_WD_PREFIX}{_day_month('dt')},?\s+{_g('dt_y', _Y)}"),
    (
        "k_monthrange",
        rf"{_g('mr1_m', _M)}(?:,?\s+(?i:of\s+)?{_g('mr1_y', _Y)})?{_CONN}{_g('mr2_m', _M)}"
        rf"(?!\s*(?:3[01]|[12]\d|0?[1-9])(?!\d))(?:,?\s+(?i:of\s+)?{_g('mr2_y', _Y)})?",
    ),
    # "2018-19" and "2018/19" shorten the second year; the slash form only with two digits.
    # "2018-19", "2018/19" and "2018/2019" may be split years (one financial year from 2018 into
    # 2019: period_specs decides); "2018-2019" and "2018 to 2019" are two calendar years.
    (
        "k_yearrange",
        rf"{_g('yr1_y', _Y)}(?:{_CONN}{_g('yr2_y', _Y)}|\s*/\s*(?P<yr2_slash>(?:19|20)\d\d)(?![\w/-])"
        r"|\s*[-–/]\s*(?P<yr2_short>\d\d)(?![\w/-]))",
    ),
    ("k_md", rf"{_WD_PREFIX}{_day_month('md')}"),
    ("k_monthyear", rf"{_g('my_m', _M)},?\s+(?i:of\s+)?{_g('my_y', _Y)}"),
    (
        "k_part",
        rf"(?i:(?:the\s+)?(?P<pt_ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
        rf"(?P<pt_unit>quarter|half))(?![\w-]){_yref('pt')}",
    ),
    (
        "k_code",
        rf"(?:Q{_g('cq_q', '[1-4]')}(?:\s*,?\s*{_g('cq_y', _Y)})?|{_g('cq_y2', _Y)}\s*Q{_g('cq_q2', '[1-4]')}"
        rf"|H{_g('ch_h', '[12]')}\s*,?\s*{_g('ch_y', _Y)}|{_g('ch_y2', _Y)}\s*H{_g('ch_h2', '[12]')})(?!\w)",
    ),
    (
        "k_firstn",
        rf"(?i:(?:the\s+)?first\s+{_g('fn_n', _NUM)}\s+(?P<fn_unit>months|quarters))(?![\w-]){_yref('fn')}",
    ),
    (
        "k_past",
        rf"(?i:(?:the\s+)?(?:past|last|previous|preceding)\s+(?:{_g('pa_n', _NUM)}\s+(?P<pa_unit>years|months)"
        r"|(?P<pa_decade>decade)))(?![\w-])",
    ),
    (
        "k_vague",
        r"(?i:recent\s+(?:years|months|times)|(?:the\s+)?(?:past|last|previous)\s+(?:few|several|many|couple\s+of)\s+"
        r"(?:years|months)|the\s+(?:past|last)\s+years?)(?![\w-])",
    ),
    (
        "k_rel",
        # "5 years ago" first, so that a number fails here after one try, not fourteen.
        rf"(?:{_g('rel_nago', '(?i:' + _NUM + ')')}\s+(?i:years\s+(?:ago|earlier))|(?=[tTlLaAnNyY])"
        r"(?i:(?P<rel_ybl>the\s+year\s+before\s+last)"
        # "the same period last year": the same stretch a year before the figure compared.
        r"|(?P<rel_same>the\s+same\s+(?:period|time|months?|quarter|half)\s+(?:of\s+|in\s+)?"
        r"(?:last\s+year|the\s+(?:previous|preceding|prior)\s+year|(?:a|one)\s+year\s+(?:earlier|ago|before))"
        r"|the\s+(?:prior|previous)[-\s]year\s+period|the\s+year[-\s](?:earlier|ago)\s+period)"
        rf"|the\s+same\s+(?:period|time|months?|quarter|half)\s+(?:of|in)\s+{_g('rel_samey', _Y)}"
        # "over the same months": the stretch of the figure compared, in the same year.
        r"|(?P<rel_samep>the\s+same\s+(?:period|months|stretch|time\s+frame|timeframe))(?!\s+(?:of|in|last|a|one)\b)"
        r"|(?P<rel_ym1>last\s+year|the\s+(?:previous|preceding|prior)\s+year|(?:a|one)\s+year\s+(?:earlier|ago|before|prior)"
        r"|the\s+year\s+before(?!\s+(?:the|that|it|this|its|their|a|an)\b))"
        r"|(?P<rel_y0>this\s+year|the\s+current\s+year)|(?P<rel_yp1>next\s+year|the\s+coming\s+year)"
        r"|(?P<rel_mm1>last\s+month|the\s+previous\s+month|a\s+month\s+(?:earlier|ago))|(?P<rel_m0>this\s+month)"
        r"|(?P<rel_wm1>last\s+week|the\s+previous\s+week)|(?P<rel_w0>this\s+week)|(?P<rel_dm1>yesterday)))(?![\w-])",
    ),
    # Only full weekday names stand alone: "Sun" and "Sat" are too often something else.
    ("k_weekday", rf"(?:(?P<wd_last>(?i:last))\s+)?{_g('wd', _WD_FULL)}"),
    ("k_yearword", rf"(?i:the\s+(?:calendar\s+)?year\s+(?:of\s+)?){_g('yw_y', _Y)}"),
    # A report's own year ("the 2024 work report") labels a document, not a figure's period:
    # which year its figures cover is a vocabulary rule (sources), so this is role "date".
    (
        "k_label",
        rf"{_g('lb_y', _Y)}(?=\s+(?:(?i:annual|government|work|budget|audit|final|statistical)\s+){{0,3}}"
        r"(?i:reports?|communiqu[eé]s?|bulletins?)(?!\w))",
    ),
    ("k_possessive", rf"{_g('ps_y', _Y)}(?=['’]s(?!\w))"),
    # Bare years and months only after a strong preposition: "2023 people" is a count.
    ("k_year", rf"(?(strong){_g('by_y', _Y)}|(?!))"),
    ("k_month", rf"(?(strong){_g('bm_m', _M_FULL)}(?!\.?\s*\d)|(?!))"),
]

# Whitespace inside an expression may wrap a line but never cross a paragraph break: "said
# Sunday.\n\nMarch 3, 2024" is a sentence end and a dateline, not "Sunday, March 3, 2024".
_ONE_BREAK = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_ONE_BREAK_OPTIONAL = r"(?:[^\S\n]*\n?[^\S\n]*)"
# The characters each branch can start with. sre tries every branch in turn at a candidate
# start; a one-character lookahead lets the hopeless ones fail at once (~2x faster on years).
_YEAR_FIRST = "12"
_MONTH_FIRST = "JFMASOND"
_GATES = {
    "k_iso": _YEAR_FIRST, "k_dayrange": "0-9JFMASONDTWtT", "k_date": "0-9JFMASONDTWtT",
    "k_yearto": "tTyYfFqQ1369nNsS", "k_fiscal": "tTfF12", "k_monthrange": _MONTH_FIRST, "k_yearrange": _YEAR_FIRST, "k_md": "0-9JFMASONDTWtT",
    "k_monthyear": _MONTH_FIRST, "k_part": "tTfFsSlL1-4", "k_code": "QH12", "k_firstn": "tTfF",
    "k_past": "tTpPlL", "k_vague": "rRtTpPlL", "k_rel": "tTlLaAnNoOyYfFsSeE0-9", "k_weekday": "lLMTWFS",
    "k_yearword": "tT", "k_label": _YEAR_FIRST, "k_possessive": _YEAR_FIRST, "k_year": _YEAR_FIRST,
    "k_month": _MONTH_FIRST,
}  # fmt: skip
# Days and counts have at most two digits: those branches need not look at a year at all.
_NOT_A_YEAR = frozenset({"k_dayrange", "k_date", "k_md", "k_part", "k_rel"})
_NO_THIRD_DIGIT = r"(?!\d\d\d)"
TIME_RE = re.compile(
    (
        _PREFIX
        + "(?:"
        + "|".join(
            _g(name, f"(?=[{_GATES[name]}]){_NO_THIRD_DIGIT if name in _NOT_A_YEAR else ''}{body}")
            for name, body in _BRANCHES
        )
        + ")"
    )
    .replace(r"\s+", _ONE_BREAK)
    .replace(r"\s*", _ONE_BREAK_OPTIONAL)
)

# Speed. Trying TIME_RE at every word start costs ~8 us a word (< 1 MB/s), so the scan is driven
# by triggers instead: every TIME_RE match contains one of these tokens (a year, a month or
# weekday name, or a period word), and everything a match has before its first trigger is a
# chain of LEADIN words ("as of the end of the first" half...). TIME_RE is then tried only at
# the word starts of that chain; ``periods._scan`` tests that this finds what finditer finds.
TRIGGER_RE = re.compile(
    rf"\b(?:(?:19|20)\d\d|2100|{MONTH_PATTERN}|{_WD_FULL}|Q[1-4]|H[12]|FY(?=\s?\d)"
    r"|(?i:years?|months?|weeks?|quarters?|half|decade|yesterday|recent))"
)
