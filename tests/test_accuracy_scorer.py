"""The accuracy scorer (bench/accuracy.py) on a tiny synthetic beat: the scorer is tested, not only the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.accuracy import Ratio, combine, score_beat, score_corpus, table
from bench.accuracy_answers import parse_interval, show_interval
from factcheck.errors import UserError

ARTICLES = {
    "a.md": "---\ntitle: A\ndate: 2024-03-10\n---\n\nIn 2023, 51,000 people were prosecuted for telecom fraud. Article 20 applies.\n",
    "b.md": "---\ntitle: B\ndate: 2024-03-11\n---\n\nIn 2023, 15,000 people were prosecuted for telecom fraud.\n\nIn 2022, 40,000 people were prosecuted for telecom fraud.\n",
}
ANSWERS = {
    "a.answers.yaml": """article: a
figures:
  - {token: "2023", claim: false}
  - token: "51,000 people"
    value: "[50500, 51500)"
    unit: person
    kind: count
    period: "2023-01-01..2023-12-31"
    metric: telecom-fraud/prosecuted
    scope: china
  - {token: "20", claim: false}
""",
    "b.answers.yaml": """article: b
figures:
  - {token: "2023", claim: false}
  - {token: "2022", claim: false}
  - token: "15,000 people"
    value: "[14500, 15500)"
    unit: person
    kind: count
    period: "2023-01-01..2023-12-31"
    metric: telecom-fraud/prosecuted
    scope: china
  - token: "40,000 people"
    value: "[35000, 45000)"
    unit: case
    kind: count
    period: "2022-01-01..2022-12-31"
    metric: telecom-fraud/prosecuted
    scope: china
""",
    "conflicts.yaml": """conflicts:
  - a: {article: a, token: "51,000"}
    b: {article: b, token: "15,000"}
    why: transposed digit
not_conflicts:
  - a: {article: a, token: "51,000"}
    b: {article: b, token: "40,000"}
    why: different year
""",
}


def write_beat(root: Path, files: dict[str, str], name: str = "tiny") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return folder


def test_scores_a_tiny_beat(tmp_path: Path) -> None:
    score = score_beat(write_beat(tmp_path, {**ARTICLES, **ANSWERS}), tmp_path)
    assert (score.articles, score.figures) == (2, 3)
    assert score.found == Ratio(3, 3)
    assert score.value == Ratio(3, 3)
    assert score.unit == Ratio(2, 3)  # the answer key says "case" for 40,000 people: the scorer must see it
    assert score.period == Ratio(3, 3)
    assert score.metric == Ratio(3, 3)
    assert score.scope == Ratio(3, 3)  # the shipped scopes vocabulary's default, china
    assert score.false_claims == 0
    assert score.error_precision == Ratio(1, 1)
    assert score.conflict_recall == Ratio(1, 1)
    assert score.not_conflict_errors == Ratio(0, 1)
    assert [(m.token, m.field) for m in score.misses] == [("40,000 people", "unit")]


def test_a_figure_no_claim_overlaps_is_not_found(tmp_path: Path) -> None:
    answers = {**ANSWERS, "a.answers.yaml": ANSWERS["a.answers.yaml"].replace('{token: "20", claim: false}', '{token: "Article 20", value: "[20]", kind: count}')}
    score = score_beat(write_beat(tmp_path, {**ARTICLES, **answers}), tmp_path)
    assert score.found == Ratio(3, 4)
    assert ("Article 20", "found") in [(m.token, m.field) for m in score.misses]


def test_a_claim_on_no_figure_is_a_false_claim(tmp_path: Path) -> None:
    answers = {**ANSWERS, "a.answers.yaml": ANSWERS["a.answers.yaml"].replace(
        '  - token: "51,000 people"\n    value: "[50500, 51500)"', '  - token: "51,000 people"\n    claim: false\n    value: "[50500, 51500)"')}
    answers["conflicts.yaml"] = "conflicts: []\n"
    score = score_beat(write_beat(tmp_path, {**ARTICLES, **answers}), tmp_path)
    assert score.false_claims == 1
    assert score.figures == 2


def test_combine_adds_counts_and_the_table_has_a_row_a_beat(tmp_path: Path) -> None:
    write_beat(tmp_path, {**ARTICLES, **ANSWERS}, "one")
    write_beat(tmp_path, {**ARTICLES, **ANSWERS}, "two")
    scores = score_corpus(tmp_path, beats=None)
    assert [s.beat for s in scores] == ["one", "two", "all"]
    assert scores[-1].found == Ratio(6, 6)
    assert scores[-1] == combine("all", scores[:2])
    lines = table(scores).splitlines()
    assert len(lines) == 5 and lines[-1].startswith("| all | 4 | 100 % (6/6) |")


@pytest.mark.parametrize(
    ("file_name", "change", "message"),
    [
        ("a.answers.yaml", None, "a.md:1:1: expected an answers file a.answers.yaml beside the article, found none"),
        ("a.answers.yaml", ("    scope: china", "    scope: china\n    scopes: china"), "a.answers.yaml:11:5: expected a known key, found unknown key 'scopes'"),
        ("a.answers.yaml", ('"51,000 people"', '"52,000 people"'), "a.answers.yaml:4:12: expected a token found in the text of"),
        ("a.answers.yaml", ('"[50500, 51500)"', '"50500..51500"'), "a.answers.yaml:5:12: expected an interval such as"),
        ("a.answers.yaml", ('"2023-01-01..2023-12-31"', '"2023"'), "a.answers.yaml:8:13: expected a period"),
        ("a.answers.yaml", ('  - {token: "20", claim: false}\n', ""), "expected every number of the article annotated, found '20' at"),
        ("conflicts.yaml", ('article: b, token: "15,000"', 'article: c, token: "15,000"'), "conflicts.yaml:3:18: expected an article id of the beat, found 'c'"),
    ],
)
def test_a_bad_answer_key_is_an_error_at_file_line(tmp_path: Path, file_name: str, change: tuple[str, str] | None, message: str) -> None:
    files = {**ARTICLES, **ANSWERS}
    if change is None:
        del files[file_name]
    else:
        assert change[0] in files[file_name]
        files[file_name] = files[file_name].replace(change[0], change[1], 1)
    folder = write_beat(tmp_path, files)
    with pytest.raises(UserError) as caught:
        score_beat(folder, tmp_path)
    assert message in str(caught.value)


@pytest.mark.parametrize("text", ["[1976]", "[50500, 51500)", "(50000, inf)", "(-inf, 60000)", "[16600, 19400)", "[40.75, 40.85)"])
def test_intervals_read_back_as_written(text: str) -> None:
    interval = parse_interval(text)
    assert interval is not None and show_interval(interval) == text


def test_ratio_prints_a_share_and_its_counts() -> None:
    assert str(Ratio(43, 47)) == "91 % (43/47)"
    assert str(Ratio(0, 0)) == "- (0/0)"


def test_a_conflict_is_found_through_a_restatement_and_agreeing_claims_are_no_conflict(tmp_path: Path) -> None:
    """The conflict names c's figure, which no claim reads as telecom fraud ("phone scams" is not in
    the vocabulary); the finding names a's 51,000, a restatement of it (the same annotated fact
    and value), beside the outlier 15,000. The finding also lists d's figure, which agrees
    with a's: listing two agreeing claims is no error about them."""
    def article(name: str, sentence: str) -> dict[str, str]:
        token = "51,000 people"
        answers = (f"article: {name}\nfigures:\n  - {{token: \"2023\", claim: false}}\n  - token: \"{token}\"\n"
                   '    value: "[50500, 51500)"\n    unit: person\n    kind: count\n    period: "2023-01-01..2023-12-31"\n'
                   "    metric: telecom-fraud/prosecuted\n")
        return {f"{name}.md": f"---\ntitle: {name}\ndate: 2024-03-12\n---\n\nIn 2023, {token} {sentence}.\n", f"{name}.answers.yaml": answers}
    conflicts = """conflicts:
  - a: {article: b, token: "15,000"}
    b: {article: c, token: "51,000"}
    why: transposed digit, against a restatement no claim reads
not_conflicts:
  - a: {article: a, token: "51,000"}
    b: {article: d, token: "51,000"}
    why: the same figure
"""
    files = {**ARTICLES, **ANSWERS, **article("c", "were prosecuted for phone scams"), **article("d", "were prosecuted for telecom fraud"), "conflicts.yaml": conflicts}
    score = score_beat(write_beat(tmp_path, files), tmp_path)
    assert ("51,000 people", "metric") in [(m.token, m.field) for m in score.misses]  # c: the premise
    assert score.errors == 1
    assert score.conflict_recall == Ratio(1, 1)
    assert score.error_precision == Ratio(1, 1)
    assert score.not_conflict_errors == Ratio(0, 1)
