"""The YAML value cap fires while the file is composed, before a node tree fifty times the file's
size is built (a 106 MB claim file took 5.3 GB), and refuses exactly what building would refuse."""

from __future__ import annotations

import pytest

import factcheck.yamlfile as yamlfile
from factcheck.errors import RuleFileError
from factcheck.limits import MAX_NODES
from factcheck.yamlfile import parse_yaml


def test_the_cap_fires_while_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object) -> None:
        raise AssertionError("the values were built: the whole node tree was composed first")

    monkeypatch.setattr(yamlfile._Builder, "build", never)
    text = "claims:\n" + "- 1\n" * (MAX_NODES * 20)  # two million values
    with pytest.raises(RuleFileError) as caught:
        parse_yaml(text, "claims.yaml")
    # The mapping and its list are two values, so the item past the cap is item MAX_NODES - 1, on line MAX_NODES.
    assert str(caught.value) == f"claims.yaml:{MAX_NODES}:3: expected at most {MAX_NODES} values (aliases included), found more"


CAP = 50


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        # Keys are not values: a mapping (one value) of CAP - 1 keys, each with a value, is at the cap.
        ("\n".join(f"k{i}: {i}" for i in range(CAP - 1)), True),
        ("\n".join(f"k{i}: {i}" for i in range(CAP)), False),
        ("- " + "\n- ".join(["x"] * (CAP - 1)), True),
        ("- " + "\n- ".join(["x"] * CAP), False),
        ("{a: [1, {b: [2, 3]}]}", True),
        # Aliases add nothing while composing; the builder counts them where they expand.
        ("a: &a [1, 2, 3]\nb: [" + ", ".join(["*a"] * 5) + "]", True),
        ("a: &a [1, 2, 3]\nb: [" + ", ".join(["*a"] * (CAP // 4)) + "]", False),
    ],
    ids=["keys-at-cap", "keys-past-cap", "items-at-cap", "items-past-cap", "nested", "few-aliases", "aliases-past-cap"],
)
def test_the_cap_counts_what_building_counts(text: str, accepted: bool) -> None:
    if accepted:
        assert parse_yaml(text, "x.yaml", max_nodes=CAP).data is not None
    else:
        with pytest.raises(RuleFileError, match=f"expected at most {CAP} values"):
            parse_yaml(text, "x.yaml", max_nodes=CAP)


def test_a_lower_cap_can_be_asked_for() -> None:
    with pytest.raises(RuleFileError, match="expected at most 3 values"):
        parse_yaml("[1, 2, 3]", "x.yaml", max_nodes=3)
    assert parse_yaml("[1, 2]", "x.yaml", max_nodes=3).data == [1, 2]
