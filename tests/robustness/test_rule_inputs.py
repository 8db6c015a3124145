"""Hostile rule and vocabulary files: patterns that would backtrack for ever, YAML that would
expand or nest without end. Each is a located error or runs in linear time; none hangs a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.checks.base import Selector
from factcheck.commands import text_article
from factcheck.errors import RuleFileError
from factcheck.extract import ClaimExtractor
from factcheck.rules import load_rule
from factcheck.user_regex import regex_problem
from factcheck.vocabulary import load_vocabulary
from factcheck.yamlfile import parse_yaml

from cli_runs import copy_rules  # type: ignore[import-not-found]

RULE = "check: agree\ndescription: x\nseverity: error\nselect:\n  sentence: {pattern}\n"


def load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return load_rule(str(path))


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"'(fraud)\1'", r"x.yaml:5:13: expected a regular expression RE2 accepts (no backreferences or lookaround), found '(fraud)\1' (invalid escape sequence: \1)"),
        ("'fraud(?= rose)'", "x.yaml:5:13: expected a regular expression RE2 accepts (no backreferences or lookaround), found 'fraud(?= rose)' (invalid perl operator: (?=)"),
        ("'(?<!not )prosecuted'", "x.yaml:5:13: expected a regular expression RE2 accepts (no backreferences or lookaround), found '(?<!not )prosecuted' (invalid perl operator: (?<!)"),
        ("'x{5000}'", "x.yaml:5:13: expected a regular expression RE2 accepts (no backreferences or lookaround), found 'x{5000}' (invalid repetition size: {5000})"),
        ("'fraud ('", "x.yaml:5:13: expected a valid regular expression, found 'fraud (' (missing ), unterminated subpattern at position 6)"),
    ],
)
def test_patterns_re2_cannot_run_are_located_errors(tmp_path: Path, pattern: str, message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load(tmp_path, RULE.format(pattern=pattern))
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_re2_reports_nothing_on_stderr_itself(capfd: pytest.CaptureFixture[str]) -> None:
    assert regex_problem(r"(a)\1") is not None
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)+$", r"(x+x+)+y", r"^(\w+\s?)*$", r"(.*a){20}!!"])
def test_catastrophic_backtracking_patterns_run_in_linear_time(tmp_path: Path, pattern: str, vocabulary: object) -> None:
    """Each takes Python's re minutes or more on these sentences; RE2 answers at once."""
    loaded = load(tmp_path, RULE.format(pattern=repr(pattern)))
    selector = loaded.rule.select  # type: ignore[attr-defined]
    assert isinstance(selector, Selector)
    sentence = "a" * 1500 + "!" + " word" * 80 + "!"  # one sentence: under the 2,000-character cap (limits.py)
    article = text_article(f"In 2023, 51,000 people were prosecuted for telecom fraud {sentence}", None)
    (claim,) = ClaimExtractor(vocabulary).extract(article)  # type: ignore[arg-type]
    assert selector.accepts(claim) is False


def test_a_sentence_pattern_still_selects(tmp_path: Path, vocabulary: object) -> None:
    loaded = load(tmp_path, RULE.format(pattern="'(?i)TELECOM\\s+fraud'"))
    claims = ClaimExtractor(vocabulary).extract(text_article("In 2023, 51,000 people were prosecuted for telecom  fraud. In 2022, 9 people were.", None))  # type: ignore[arg-type]
    assert [loaded.rule.select.accepts(claim) for claim in claims] == [True, False]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "x.yaml:1:1: expected YAML nested at most 64 deep, found deeper"),
        ("a: " + "[" * 70 + "]" * 70 + "\n", "x.yaml:1:68: expected YAML nested at most 64 deep, found deeper"),
        ("a: " + "{b: " * 70 + "c" + "}" * 70 + "\n", "x.yaml:1:260: expected YAML nested at most 64 deep, found deeper"),
        ("a: " + "9" * 5000 + "\n", "x.yaml:1:4: expected a number of at most 1000 digits, found 5,000 characters"),
        ("a: ok\nb: ring \x07\n", "x.yaml:2:9: expected printable text in the YAML, found the character #x0007"),
        ("a: ok\nb: !!python/name:os.system ''\n", "x.yaml:2:4: expected a plain value, found the tag tag:yaml.org,2002:python/name:os.system"),
    ],
)
def test_yaml_that_nests_or_constructs_is_refused_with_its_place(text: str, message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_yaml(text, "x.yaml")
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_billion_laughs_stops_at_the_value_cap() -> None:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    with pytest.raises(RuleFileError, match=r"expected at most 100000 values \(aliases included\), found more"):
        parse_yaml("\n".join(lines) + "\n", "x.yaml")


def test_vocabulary_phrases_are_words_not_patterns(tmp_path: Path) -> None:
    """Phrases are escaped: "(a+)+$" is looked for as written, and cannot backtrack."""
    rules = copy_rules(tmp_path / "rules")
    metrics = rules / "vocabulary" / "metrics.yaml"
    hostile = "  - id: regex-like\n    phrases: ['(a+)+$', '.*', 'x{2}']\n"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("topics:\n", "topics:\n" + hostile, 1), encoding="utf-8")
    vocabulary = load_vocabulary([str(rules)])
    extractor = ClaimExtractor(vocabulary)
    text = "In 2023, 51,000 people were prosecuted for " + "a" * 3000 + "b. In 2022, 7 people were prosecuted for (a+)+$ cases."
    first, second = extractor.extract(text_article(text, None))
    assert (first.metric, second.metric) == ("?people/prosecuted", "regex-like/prosecuted")
