"""Inputs that cost cubic time (issue 11): many figures in one sentence, a table without row breaks,
text without full stops. Each must now read and extract in linear time; the bench times them
(python -m bench --only robustness), these tests stop any that take many times longer."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from factcheck.commands import text_article
from factcheck.documents import READERS
from factcheck.extract import ClaimExtractor
from factcheck.extract.sentences import split_sentences
from factcheck.limits import SENTENCE_CHARS
from factcheck.model import Article
from factcheck.vocabulary import Vocabulary

# About 1 s on a loaded two-core machine now; each took from minutes to days before.
LIMIT_S = 20


def figures(count: int) -> Article:
    return text_article("In 2023, " + ", ".join(f"{51_000 + i:,} people were prosecuted for telecom fraud" for i in range(count)) + ".", None)


def table(rows: int) -> Article:
    body = "".join(f"<tr><td>{i}</td><td>{1_000 + 7 * i:,} online fraud cases prosecuted</td></tr>" for i in range(rows))
    return READERS[".html"]("t.html", f"<article><p>Cases prosecuted in 2023.</p><table>{body}</table></article>".encode())


def no_full_stop(size: int) -> Article:
    clause = "prosecutors charged 1,234 people with telecom fraud in 2023 while courts heard 789 cases, "
    return text_article((clause * (size // len(clause) + 1))[:size], None)


def paragraphs(count: int) -> Article:
    # No heading and no period: every sentence asks the context for one (it looked back over every
    # earlier paragraph for a heading, quadratic in paragraphs).
    return text_article("\n\n".join(f"Prosecutors charged {1_000 + i:,} people with fraud." for i in range(count)), None)


# name, article, claims expected
SHAPES: list[tuple[str, Callable[[], Article], int]] = [
    ("1,000 figures in one sentence (over 900 s before)", lambda: figures(1_000), 1_000),
    ("400 table rows, a figure each (about 100 s before)", lambda: table(400), 800),
    ("200 kB without a full stop (about 40 s per 40 kB before)", lambda: no_full_stop(200_000), 4_444),
    ("20,000 paragraphs without a heading (quadratic in paragraphs before)", lambda: paragraphs(20_000), 20_000),
]


@contextmanager
def within(seconds: int) -> Iterator[None]:
    def too_slow(signum: int, frame: object) -> None:
        raise AssertionError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="SIGALRM")
@pytest.mark.parametrize(("name", "make", "expected"), SHAPES, ids=[name.split(" (")[0] for name, _, _ in SHAPES])
def test_shape_extracts_in_linear_time(name: str, make: Callable[[], Article], expected: int, vocabulary: Vocabulary) -> None:
    extractor = ClaimExtractor(vocabulary)
    with within(LIMIT_S):
        claims = extractor.extract(make())
    assert len(claims) == expected


def test_a_run_without_full_stops_is_cut_into_sentences_at_clause_breaks() -> None:
    text = no_full_stop(50_000).text
    spans = split_sentences(text)
    assert max(end - start for start, end in spans) <= SENTENCE_CHARS
    assert "".join(text[start:end] for start, end in spans).replace(" ", "") == text.replace(" ", "")  # every word kept
    assert all(text[end - 1] == "," for start, end in spans[:-1])  # cut after a comma, not inside a clause


def test_a_run_without_any_break_is_cut_at_the_cap() -> None:
    text = "x" * (SENTENCE_CHARS * 2 + 5)
    assert split_sentences(text) == [(0, SENTENCE_CHARS), (SENTENCE_CHARS, 2 * SENTENCE_CHARS), (2 * SENTENCE_CHARS, len(text))]


def test_table_rows_and_list_items_are_sentences_of_their_own(vocabulary: Vocabulary) -> None:
    page = (
        "<article><p>Cases in 2023.</p><table><tr><td>North</td><td>1,200 cases</td></tr><tr><td>South</td><td>900 cases</td></tr></table>"
        "<ul><li>310 people charged</li><li>42 people acquitted</li></ul></article>"
    )
    article = READERS[".html"]("t.html", page.encode())
    sentences = [article.text[start:end] for start, end in split_sentences(article.text)]
    assert sentences == ["Cases in 2023.", "North\n1,200 cases", "South\n900 cases", "310 people charged", "42 people acquitted"]
    claims = ClaimExtractor(vocabulary).extract(article)
    assert [claim.sentence for claim in claims] == ["North 1,200 cases", "South 900 cases", "310 people charged", "42 people acquitted"]
