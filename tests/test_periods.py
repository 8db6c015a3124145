"""Time mentions and their periods: data-driven cases (tests/cases/periods.yaml) and properties."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.extract.periods import TimeMention, _scan, find_time_mentions, resolve_period
from factcheck.model import Period

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases" / "periods.yaml").read_text(encoding="utf-8"))


def _iso(value: Any) -> str | None:
    """YAML reads 2024-03-12 as a date; the cases may also quote it."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 45
    assert len({case["name"] for case in CASES}) == len(CASES), "case names are test ids: keep them unique"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_period_case(case: dict[str, Any]) -> None:
    text: str = case["text"]
    anchor = case.get("anchor")
    if isinstance(anchor, str):
        anchor = date.fromisoformat(anchor)
    mentions = find_time_mentions(text, case.get("fiscal_year_start", 0))
    got: list[dict[str, Any]] = []
    reasons: list[str] = []
    for mention, want in zip(mentions, case["mentions"]):
        period, how = resolve_period(mention, anchor)
        reasons.append(how)
        row: dict[str, Any] = {"text": mention.text, "role": mention.role}
        if "start" in want:
            row["start"] = period.start.isoformat() if period and period.start else None
        row["end"] = period.end.isoformat() if period else None
        if "reason" in want:
            row["reason"] = want["reason"] if want["reason"] in how else how
        got.append(row)
    expected = [
        {key: _iso(value) if key in ("start", "end") else value for key, value in want.items()} for want in case["mentions"]
    ]
    assert got == expected[: len(got)], reasons
    assert [m.text for m in mentions] == [want["text"] for want in case["mentions"]]


def test_explanations_say_what_anchored_them() -> None:
    mention = find_time_mentions("Prosecutors charged 900 officials last year.")[0]
    period, how = resolve_period(mention, date(2024, 3, 12))
    assert period == Period(date(2023, 1, 1), date(2023, 12, 31))
    assert how == "'last year' = 2023-01-01..2023-12-31: 2023, the calendar year before 2024-03-12"
    assert resolve_period(mention, None) == (
        None,
        "'last year' is relative and the article has no date to resolve it against",
    )
    absolute = find_time_mentions("in 2023")[0]
    assert resolve_period(absolute, None)[1].endswith("stated in full, no anchor date needed")


def test_offsets_are_into_the_given_text() -> None:
    text = "Header line\n\nIn 2023, 50,000 people were charged, officials said on Sunday."
    mentions = find_time_mentions(text)
    assert [(m.text, m.role) for m in mentions] == [("In 2023", "period"), ("on Sunday", "speech")]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


# -- properties -----------------------------------------------------------------------------------

# Fragments that make time expressions likely, mixed with arbitrary characters.
_FRAGMENTS = [
    "in ", "since ", "as of ", "between ", " and ", " to ", "-", "–", ", ", ". ", "\n", " ", "the ", "end of ",
    "first ", "half ", "quarter ", "of ", "last ", "year", "years", "month", "months", "past ", "five ", "11 ",
    "2023", "2019", "1899", "2100", "2,023", "12309", "Q1", "H2", "March", "Jan.", "May", "Sept", "12", "31",
    "29", "Feb", "Sunday", "Tue", "said ", "held ", "On ", "Updated: ", "effective ", "'s", "work report",
    "recent ", "yesterday", "week", "two ", "ago", "earlier", "a ", "by ", "from ", "2024-02-30", "2024-03-12",
]  # fmt: skip
_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join),
)
_anchors = st.one_of(
    st.none(),
    st.dates(),
    st.sampled_from([date.min, date.max, date(1, 1, 7), date(9999, 12, 25), date(2024, 2, 29), date(2100, 3, 1)]),
)


@settings(max_examples=300, deadline=None)
@given(text=_texts, anchor=_anchors)
def test_find_and_resolve_never_fail(text: str, anchor: date | None) -> None:
    mentions = find_time_mentions(text)
    previous_end = 0
    for mention in mentions:
        assert isinstance(mention, TimeMention)
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.role in ("period", "speech", "date")
        previous_end = mention.end
        period, how = resolve_period(mention, anchor)
        assert how.startswith(f"'{mention.text}'")
        if period is not None and period.start is not None:
            assert period.start <= period.end


@settings(max_examples=300, deadline=None)
@given(text=_texts)
@example(text="'IN 2000")  # a lead-in word after a quote: the fast scan once started after it
@example(text="Results for FY24 and FY 2023/24.")  # no four-digit year after FY: FY is a trigger
def test_trigger_scan_finds_what_a_full_scan_finds(text: str) -> None:
    """The fast scan tries the regex only near trigger words; it must not miss or add a match."""
    fast = [(m.start(), m.end(), m.lastgroup) for m in _scan(text)]
    full = [(m.start(), m.end(), m.lastgroup) for m in _scan(text, fast=False)]
    assert fast == full


def test_trigger_scan_on_the_cases() -> None:
    text = "\n".join(case["text"] for case in CASES)
    assert [m.span() for m in _scan(text)] == [m.span() for m in _scan(text, fast=False)]
