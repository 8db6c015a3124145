"""Derived metric keys: the same words in other forms give the same key."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.derived_keys import AUXILIARIES, derived_words, stem


def test_auxiliaries_and_inflections_do_not_change_the_key() -> None:
    forms = ["3,100 people arrested", "3,100 people were arrested", "3,100 people had been arrested", "3,100 People Arrested"]
    assert {derived_words(text, len("3,100")) for text in forms} == {"people arrest"}


def test_plurals_and_tenses_share_a_stem() -> None:
    assert stem("cases") == stem("case")
    assert stem("arrests") == stem("arrested") == stem("arrest") == stem("arresting")
    assert stem("injuries") == stem("injury")
    assert stem("people") == "people"


def test_a_function_word_ends_the_key() -> None:
    assert derived_words("12 cases of fraud", 2) == "cas"
    assert derived_words("12 were", 2) is None


words = st.sampled_from(["people", "cases", "arrested", "charged", "officers", "deaths", "vehicles", "seized"])


@given(st.lists(words, min_size=1, max_size=3), st.lists(st.sampled_from(sorted(AUXILIARIES)), max_size=2))
def test_auxiliaries_anywhere_before_a_word_are_dropped(chosen: list[str], auxiliaries: list[str]) -> None:
    plain = "7 " + " ".join(chosen)
    with_auxiliaries = "7 " + chosen[0] + "".join(f" {a}" for a in auxiliaries) + "".join(f" {w}" for w in chosen[1:])
    assert derived_words(with_auxiliaries, 1) == derived_words(plain, 1)
