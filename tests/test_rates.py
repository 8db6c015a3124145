"""Rates (issue 12 items 6 and 7): a rate's unit is its denominator, a unit the units vocabulary
declares stays as declared (and the claim's kind is its declared kind), one denominator has one
name, and a rate that leaves its denominator unsaid takes the one the article stated."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.casefold import fold
from factcheck.commands import parse_text
from factcheck.extract.rates import denominator_at
from factcheck.model import Claim
from factcheck.vocabulary import Vocabulary, load_vocabulary

RULES = str(Path(__file__).resolve().parents[1] / "rules")

UNITS = """kind: units
units:
  - name: per_100k_people
    dimension: rate_per_100k_people
    kind: ratio
    aliases: ["per 100,000 people", "per 100,000"]
  - name: per_million_people
    dimension: rate_per_million_people
    kind: ratio
    aliases: [per million people]
  - name: per_100m_vmt
    dimension: rate_per_100m_vmt
    kind: ratio
    aliases: [per 100 million vehicle miles traveled, per 100 million miles driven]
"""


@pytest.fixture(scope="module")
def beat(tmp_path_factory: pytest.TempPathFactory) -> Vocabulary:
    folder = tmp_path_factory.mktemp("beat")
    (folder / "vocabulary").mkdir()
    (folder / "vocabulary" / "units.yaml").write_text(UNITS, encoding="utf-8")
    return load_vocabulary([RULES, str(folder)])


def _claims(vocabulary: Vocabulary, text: str) -> list[Claim]:
    return parse_text(text, vocabulary, date(2024, 7, 25))


def test_a_declared_rate_unit_stays_as_declared_with_its_kind(beat: Vocabulary) -> None:
    # Before: "a rate of" wrapped the declared unit again (per_100k_people_rate, kind rate).
    [_, rate] = _claims(beat, "Knife offences rose to 50,510, a rate of 84 per 100,000 people.")
    assert (rate.unit, rate.kind, rate.identity.unit.basis) == ("per_100k_people", "ratio", "stated")


def test_a_denominator_written_otherwise_takes_the_declared_name(beat: Vocabulary) -> None:
    # Before: case_per_100k, a name of its own, never compared with the declared unit.
    [rate] = _claims(beat, "The force recorded 108 offences per 100,000 residents.")
    assert (rate.unit, rate.kind) == ("per_100k_people", "ratio")
    [road] = _claims(beat, "The state's rate was 1.39 deaths per 100 million vehicle miles.")
    assert (road.unit, road.kind) == ("per_100m_vmt", "ratio")


def test_an_unsaid_denominator_is_carried_from_the_articles_rate(beat: Vocabulary) -> None:
    text = (
        "Knife offences rose to 50,510, a rate of 84 per 100,000 people.\n\n"
        "The capital recorded 15,020 of them, a rate of 171. Its rate of 187 was the highest."
    )
    rates = [c for c in _claims(beat, text) if c.text in ("84 per 100,000 people", "171", "187")]
    assert [(c.unit, c.kind, c.identity.unit.basis) for c in rates] == [
        ("per_100k_people", "ratio", "stated"),
        ("per_100k_people", "ratio", "carried"),
        ("per_100k_people", "ratio", "carried"),
    ]
    assert "84 per 100,000 people" in (rates[1].identity.unit.origin or "")


def test_an_unsaid_denominator_after_several_is_a_guess(beat: Vocabulary) -> None:
    text = "Robbery ran at 84 per 100,000 people and homicide at 9.5 per million people. In London the rate of robbery was 171."
    last = _claims(beat, text)[-1]
    assert (last.unit, last.identity.unit.basis) == ("per_million_people", "guessed")


def test_a_rate_with_no_denominator_anywhere_is_its_own_unit_and_a_guess(vocabulary: Vocabulary) -> None:
    [rate] = _claims(vocabulary, "A burglary rate of 4.7 was recorded in the capital.")
    assert (rate.unit, rate.kind, rate.identity.unit.basis) == ("rate", "rate", "guessed")


def test_the_figure_a_rate_is_compared_with_is_in_its_unit(beat: Vocabulary) -> None:
    claims = _claims(beat, "The homicide rate was 9.5 per million people, against 10.0 a year earlier.")
    assert [(c.text, c.unit, c.kind, c.identity.unit.basis) for c in claims] == [
        ("9.5 per million people", "per_million_people", "ratio", "stated"),
        ("10.0", "per_million_people", "ratio", "carried"),
    ]
    # A rate declared as a ratio is no multiple: its later period ("a year earlier") is its own.
    assert claims[1].period is not None and claims[1].period.start == date(2023, 1, 1)


def test_synthesised_rates_with_one_denominator_have_one_name(vocabulary: Vocabulary) -> None:
    texts = [
        "The crime rate stood at 31.2 per 100,000 people in 2023.",
        "Cities reported 12.5 crimes per 100,000 residents.",
        "There were 8.1 offences for every 100,000 inhabitants.",
    ]
    assert {_claims(vocabulary, text)[0].unit for text in texts} == {"rate_per_100k"}


def test_two_units_declaring_one_denominator_name_neither(tmp_path: Path) -> None:
    (tmp_path / "vocabulary").mkdir()
    (tmp_path / "vocabulary" / "units.yaml").write_text(
        "kind: units\nunits:\n  - {name: per_100k_a, kind: ratio, aliases: ['per 100,000 people']}\n"
        "  - {name: per_100k_b, kind: ratio, aliases: ['per 100,000 residents']}\n",
        encoding="utf-8",
    )
    vocabulary = load_vocabulary([RULES, str(tmp_path)])
    [rate] = _claims(vocabulary, "Police recorded 12.5 offences per 100,000 inhabitants.")
    assert rate.unit == "rate_per_100k"


def test_a_scale_word_is_part_of_the_denominator(vocabulary: Vocabulary) -> None:
    # Before: "per 100 million miles" read as "per 100".
    [rate] = _claims(vocabulary, "The fatality rate was 1.26 per 100 million miles.")
    assert rate.unit == "rate_per_100m_miles"


_COUNTS = [("100", "100"), ("1,000", "1k"), ("10,000", "10k"), ("100,000", "100k"), ("a million", "1m"), ("one million", "1m"), ("100 million", "100m")]


@settings(max_examples=100, deadline=None)
@given(
    count=st.sampled_from(_COUNTS),
    per=st.sampled_from(["per", "for every"]),
    population=st.sampled_from(["", " people", " residents", " inhabitants", " of the population", " persons"]),
    after=st.sampled_from(["", ".", ", up", " in 2023", " aged 16 and over"]),
)
def test_population_denominators_have_one_key(count: tuple[str, str], per: str, population: str, after: str) -> None:
    written, key = count
    text = fold(f" {per} {written}{population}{after}")
    read = denominator_at(text, 0)
    assert read is not None and read[0] == key
    assert read[1] >= len(fold(f" {per} {written}{population}"))  # the claim covers the whole denominator


def test_a_listing_items_rate_is_not_carried_into_the_next_item(beat: Vocabulary, tmp_path: Path) -> None:
    """Each item of a listing page is its own story: an unsaid denominator takes none of another's."""
    from factcheck.documents import read_document
    from factcheck.extract import ClaimExtractor

    page = tmp_path / "listing.txt"
    page.write_text(
        "Crime desk\n\n"
        "• Knife offences rise in the north\n"
        "March 3, 2024\n\n"
        "Knife offences rose to 50,510, a rate of 84 per 100,000 people.\n\n"
        "• Burglary falls in the capital\n"
        "March 4, 2024\n\n"
        "The capital's burglary rate of 4.7 was the lowest on record.\n",
        encoding="utf-8",
    )
    article = read_document(str(page))
    assert len(article.items) == 2
    claims = {c.text: c for c in ClaimExtractor(beat).extract(article)}
    assert claims["84 per 100,000 people"].unit == "per_100k_people"
    assert (claims["4.7"].unit, claims["4.7"].identity.unit.basis) == ("rate", "guessed")
