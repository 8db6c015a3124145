"""Split and financial years (issue 12): "2023/24" and "FY2024" are twelve months from the month
the article's scope starts its financial year in (scopes vocabulary `fiscal_year_start`), never
two calendar years; with no such month configured their period is unknown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.commands import text_article
from factcheck.errors import RuleFileError
from factcheck.extract import ClaimExtractor
from factcheck.extract.periods import find_time_mentions, resolve_period
from factcheck.model import Period
from factcheck.vocabulary import Vocabulary, load_vocabulary

RULES = str(Path(__file__).resolve().parents[1] / "rules")

SCOPES = """kind: scopes
default: england-wales
scopes:
  - id: england-wales
    phrases: [England and Wales]
    fiscal_year_start: April
  - id: london
    parent: england-wales
    phrases: [London]
  - id: united-states
    phrases: [United States]
    fiscal_year_start: 10
  - id: texas
    parent: united-states
    phrases: [Texas]
  - id: atlantis
    phrases: [Atlantis]
"""


def _vocabulary(tmp_path: Path, scopes: str = SCOPES) -> Vocabulary:
    folder = tmp_path / "beat" / "vocabulary"
    folder.mkdir(parents=True)
    (folder / "scopes.yaml").write_text(scopes, encoding="utf-8")
    return load_vocabulary([RULES, str(tmp_path / "beat")])


def _periods(vocabulary: Vocabulary, text: str, scope: str | None = None) -> list[Period | None]:
    article = replace(text_article(text, date(2024, 7, 25)), scope=scope)
    return [claim.period for claim in ClaimExtractor(vocabulary).extract(article)]


APRIL = Period(date(2023, 4, 1), date(2024, 3, 31))
OCTOBER = Period(date(2022, 10, 1), date(2023, 9, 30))


def test_the_default_scopes_start_month_makes_a_split_year_twelve_months(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path)
    assert _periods(vocabulary, "In 2023/24, police recorded 5,051 knife offences.") == [APRIL]
    assert _periods(vocabulary, "In 2023-24, police recorded 5,051 knife offences.") == [APRIL]
    assert _periods(vocabulary, "During the 2023/24 financial year, police recorded 5,051 knife offences.") == [APRIL]


def test_the_articles_scope_decides_and_a_child_scope_takes_its_parents_month(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path)
    # Front matter `scope: texas`: Texas has no month of its own, the United States' October applies.
    assert _periods(vocabulary, "In FY2023 the agency paid 3,417 grants.", scope="texas") == [OCTOBER]
    assert _periods(vocabulary, "In FY2023 the agency paid 3,417 grants.", scope="United States") == [OCTOBER]
    assert _periods(vocabulary, "In FY2024 the agency paid 3,417 grants.", scope="london") == [APRIL]


def test_with_no_configured_month_the_period_is_unknown_and_says_why(tmp_path: Path) -> None:
    vocabulary = _vocabulary(tmp_path)
    article = replace(text_article("In 2023/24, officials counted 5,051 permits.", date(2024, 7, 25)), scope="atlantis")
    [claim] = ClaimExtractor(vocabulary).extract(article)
    assert claim.period is None
    assert claim.identity.period.basis == "unknown"
    assert "fiscal_year_start" in dict(claim.how)["period"]


def test_the_shipped_default_scope_has_calendar_financial_years() -> None:
    """China's fiscal year is the calendar year: "fiscal 2023" is 2023 and "2023/24" is no year of it."""
    vocabulary = load_vocabulary([RULES])
    assert _periods(vocabulary, "In fiscal 2023, prosecutors handled 4,123 cases.") == [Period(date(2023, 1, 1), date(2023, 12, 31))]
    assert _periods(vocabulary, "In 2023/24, prosecutors handled 4,123 cases.") == [None]


def test_a_month_that_is_no_month_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as raised:
        _vocabulary(tmp_path, SCOPES.replace("fiscal_year_start: April", "fiscal_year_start: Apricot"))
    assert "expected a month, a number 1-12 or a name like 'april', found 'Apricot'" in str(raised.value)


@settings(max_examples=200, deadline=None)
@given(
    first=st.integers(1900, 2098),
    month=st.integers(1, 12),
    separator=st.sampled_from(["/", "-", "–"]),
    long=st.booleans(),
)
def test_a_split_year_is_twelve_months_from_the_configured_month(first: int, month: int, separator: str, long: bool) -> None:
    second = str(first + 1) if long and separator == "/" else f"{(first + 1) % 100:02d}"
    if second == "00":
        return  # "1999/00": the century does not wrap (left unread)
    text = f"Figures for {first}{separator}{second} were published."
    [mention] = find_time_mentions(text, month)
    period, how = resolve_period(mention, None)
    if month == 1:
        assert period is None and "calendar year" in how
        return
    assert period is not None and period.start == date(first, month, 1)
    assert period.end == date(first + 1, month, 1) - timedelta(days=1)
    [unconfigured] = find_time_mentions(text)
    assert resolve_period(unconfigured, None)[0] is None
