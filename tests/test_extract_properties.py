"""Property tests: whatever the text, extraction never raises and every claim points at its words."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.commands import text_article
from factcheck.extract import ClaimExtractor
from factcheck.vocabulary import Vocabulary

# Pieces that reach the interesting paths: numbers, qualifiers, units, periods, sources, links.
PIECES = [
    "51,000", "2.16 million", "40.8%", "95 percent", "five", "twenty-one", "a dozen", "$3", "RMB 3.2 billion",
    "more than", "over", "nearly", "about", "between", "and", "up to", "at least", "of whom", "including",
    "people", "cases", "court rulings", "yuan", "times", "percentage points", "individuals",
    "in 2023", "last year", "since 2019", "from 2018 to 2019", "as of Tuesday", "the first 11 months of",
    "January to November 2023", "said Sunday", "the 2024 work report", "annual work report for 2023",
    "prosecuted", "telecom fraud", "rose", "fell", "up", "to", "from", "year-on-year", "No.", "12309",
    "Platform", "Copyright ©", "COVID-19", ",", ".", ";", "\n", "\n\n", " ", "#", "•", "(", ")", "-", "0", "9",
]


def check(text: str, extractor: ClaimExtractor, published: date | None) -> None:
    article = text_article(text, published)
    for claim in extractor.extract(article):
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.line >= 1 and claim.column >= 1
        assert not claim.value.is_empty()
        assert claim.kind in ("count", "change", "share", "ratio", "money")


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=st.text(), published=st.one_of(st.none(), st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))))
def test_any_text(text: str, published: date | None, vocabulary: Vocabulary) -> None:
    check(text, ClaimExtractor(vocabulary), published)


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=40),
    separators=st.lists(st.sampled_from([" ", "", "  ", "\n"]), min_size=40, max_size=40),
    published=st.one_of(st.none(), st.dates()),
)
def test_news_like_text(pieces: list[str], separators: list[str], published: date | None, vocabulary: Vocabulary) -> None:
    text = "".join(piece + separator for piece, separator in zip(pieces, separators))
    check(text, ClaimExtractor(vocabulary), published)


BREAK_PIECES = [";", ",", ", ", ",\t", " ", "\n", "and", "but", "while", "whereas", "android", "butter", "whiles", "x", "_", "é", "1", ".", "While"]


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.sampled_from(BREAK_PIECES), max_size=25), cuts=st.lists(st.tuples(st.integers(0, 120), st.integers(0, 120)), min_size=1, max_size=20))
def test_clause_breaks_found_once_answer_as_the_regex_scan_of_each_gap(pieces: list[str], cuts: list[tuple[int, int]]) -> None:
    """ClauseBreaks (made once per sentence) says what searching each gap with the regex said,
    gap ends in the middle of words and inside ', and' included: figures keep their metrics."""
    from factcheck.extract.metrics import _CLAUSE_BREAK, ClauseBreaks

    text = "".join(pieces)
    breaks = ClauseBreaks(text)
    for a, b in cuts:
        start, end = min(a, b, len(text)), min(max(a, b), len(text))
        assert breaks.crosses(start, end) == bool(_CLAUSE_BREAK.search(text, start, end)), (text, start, end)
