"""Bad input that once gave wrong results without a word: an infinite figure, vocabulary loops and
phrases in every sentence, cache entries taken on trust, and ids that collide on some file systems."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck import exitcodes
from factcheck.errors import RuleFileError
from factcheck.vocabulary import load_vocabulary

from cli_runs import RULES, copy_rules, factcheck, stderr_lines  # type: ignore[import-not-found]

CLAIM = "In 2023, 51,000 people were prosecuted for telecom fraud.\n"
HUGE = "9" * 400
RUN = ("--rules", str(RULES), "--no-cache", "--claims", "none")


def strict_json(text: str) -> Any:
    """JSON as the standard has it: Infinity and NaN are not JSON."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_a_400_digit_number_is_a_located_note_never_inf(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"In 2023, {HUGE} people were prosecuted for telecom fraud.\n{CLAIM}", encoding="utf-8")
    note = "a.txt: ignored the number '99999999999999999999…' at line 1, column 10: expected a figure below 10^18, found about 10^400"
    result = factcheck("run", "a.txt", *RUN, "--format", "json", "--report", "sarif=out.sarif", cwd=tmp_path)
    assert result.returncode == exitcodes.OK, result.stderr
    assert f"note: {note}" in stderr_lines(result)
    report = strict_json(result.stdout)
    assert report["summary"]["claims"] == 1  # the 51,000 only
    strict_json((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    extracted = factcheck("extract", "a.txt", "--rules", str(RULES), "--no-cache", cwd=tmp_path)
    assert [claim["text"] for claim in strict_json(extracted.stdout)["articles"][0]["claims"]] == ["51,000 people"]
    assert note.replace("a.txt: ", "a.txt: warning: ", 1) in stderr_lines(extracted)
    parsed = factcheck("parse", f"{HUGE} billion people", "--rules", str(RULES), "--format", "json", cwd=tmp_path)
    assert strict_json(parsed.stdout)["claims"] == [] and "inf" not in parsed.stdout


def test_the_largest_figure_still_counts() -> None:
    from factcheck.extract.numbers import find_numbers

    assert [m.text for m in find_numbers("999,999,999,999,999,999 yuan and 1,000,000 trillion yuan and 2 billion")] == [
        "999,999,999,999,999,999", "2 billion"]


@pytest.mark.parametrize(("value", "message"), [(".inf", "expected a finite number, found the number inf"),
                                                (".nan", "expected a finite number, found the number nan"),
                                                ("1.0e+300", "expected a number below 1e+18, found the number 1e+300")])
def test_a_claim_file_with_a_non_finite_value_is_a_located_error(tmp_path: Path, value: str, message: str) -> None:
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    assert factcheck("extract", "a.txt", "--out", "claims", "--rules", str(RULES), "--no-cache", cwd=tmp_path).returncode == 0
    claim_file = tmp_path / "claims" / "a.yaml"
    text = claim_file.read_text(encoding="utf-8")
    claim_file.write_text(text.replace("low: 50500", f"low: {value}", 1), encoding="utf-8")
    line = text[: text.index("low: 50500")].count("\n") + 1
    result = factcheck("run", "a.txt", "--claims", "claims", "--rules", str(RULES), "--no-cache", "--format", "json", cwd=tmp_path)
    assert result.returncode == exitcodes.USER_ERROR and result.stdout == ""
    assert stderr_lines(result) == [f"claims/a.yaml:{line}:10: {message}"]


CASES = yaml.safe_load((Path(__file__).with_name("vocabulary_cases.yaml")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_vocabulary_cases(tmp_path: Path, case: dict[str, Any]) -> None:
    rules = copy_rules(tmp_path / "rules")
    path = rules / "vocabulary" / case["file"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    after = lines.index(case["after"] + "\n") + 1
    inserted = ["  " + line for line in case["insert"].splitlines(keepends=True)]
    path.write_text("".join(lines[:after] + inserted + lines[after:]), encoding="utf-8")
    if "error" not in case:
        load_vocabulary([str(rules)])
        return
    with pytest.raises(RuleFileError) as caught:
        load_vocabulary([str(rules)])
    line, column = case["at"]
    assert str(caught.value) == f"{path}:{after + line}:{column}: {case['error']}"


def test_a_quoted_phrase_matches_as_written(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path / "rules")
    metrics = rules / "vocabulary" / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("topics:\n", "topics:\n  - id: us-cases\n    phrases: ['\"US\"']\n", 1), encoding="utf-8")
    result = factcheck("parse", "In 2023, 5 people were prosecuted in the US.", "--rules", str(rules), "--format", "json", cwd=tmp_path)
    assert [claim["metric"] for claim in strict_json(result.stdout)["claims"]] == ["us-cases/prosecuted"]


def test_a_self_parent_would_have_made_a_part_exceed_itself(tmp_path: Path) -> None:
    """Before: accepted, and every figure of the topic was a part of its own whole."""
    rules = copy_rules(tmp_path / "rules")
    metrics = rules / "vocabulary" / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("  - id: cybercrime\n", "  - id: cybercrime\n    parent: cybercrime\n", 1), encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    result = factcheck("run", "a.txt", "--rules", str(rules), "--no-cache", "--claims", "none", cwd=tmp_path)
    assert result.returncode == exitcodes.USER_ERROR
    assert stderr_lines(result)[-1].endswith("expected the id of a broader topic, found the topic itself, 'cybercrime'")


# -- the extraction cache: an entry is validated, and never names a file to read ----------------

# (where in the entry, the value put there; None deletes the key)
DAMAGE: list[tuple[tuple[str | int, ...], Any]] = [
    (("claims", 0, "start"), "0"),
    (("claims", 0, "line"), 0),
    (("claims", 0, "value"), ["50500", None, False, True]),
    (("claims", 0, "value"), [50500, None, False]),
    (("claims", 0, "value", 0), True),
    (("claims", 0, "kind"), "volume"),
    (("claims", 0, "period"), ["2023-13-01", "2023-12-31"]),
    (("claims", 0, "period"), {"start": "2023-01-01", "end": "2023-12-31"}),
    (("claims", 0, "links"), {"part_of": "x"}),
    (("claims", 0, "how"), None),
    (("claims", 0, "corrected"), "yes"),
    (("claims", 0, "unexpected"), 1),
    (("claims",), {}),
    (("article", "id"), "../planted"),
    (("article", "id"), ""),
    (("article", "warnings"), "a warning"),
    (("article", "published"), 2023),
    (("article",), None),
]


def cached_entry(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    assert factcheck("run", "a.txt", "--rules", str(RULES), "--cache", "cache", "--claims", "claims", cwd=tmp_path).returncode == 0
    (entry,) = (tmp_path / "cache" / "extraction").rglob("*.json")
    return entry


@pytest.mark.parametrize(("where", "value"), DAMAGE, ids=["/".join(map(str, where)) + "=" + json.dumps(value) for where, value in DAMAGE])
def test_a_cache_entry_of_the_wrong_shape_is_extracted_again(tmp_path: Path, where: tuple[Any, ...], value: Any, vocabulary: Any) -> None:
    from factcheck.documents import read_document
    from factcheck.extract import ClaimExtractor
    from factcheck.extraction_cache import ExtractionCache

    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    article = read_document(str(tmp_path / "a.txt"))
    cache = ExtractionCache(str(tmp_path / "cache"), vocabulary.digest)
    cache.store(article, ClaimExtractor(vocabulary).extract(article))
    assert cache.recall(article.path) is not None and cache.claims(article)  # as stored, it is used
    entry_path = Path(cache.entry_path(cache.key(article.path, article.sha256)))
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    holder = entry
    for step in where[:-1]:
        holder = holder[step]
    if value is None:
        del holder[where[-1]]
    else:
        holder[where[-1]] = value
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    assert cache.recall(article.path) is None
    assert cache.claims(article) is None


def test_an_infinite_value_in_a_cache_entry_is_extracted_again(tmp_path: Path) -> None:
    entry_path = cached_entry(tmp_path)
    entry_path.write_text(re.sub(r'"value":\[[^,]+,', '"value":[Infinity,', entry_path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    result = factcheck("run", "a.txt", "--rules", str(RULES), "--cache", "cache", "--claims", "none", "--format", "json", cwd=tmp_path)
    assert result.returncode == exitcodes.OK and "from the extraction cache" not in result.stderr
    assert strict_json(result.stdout)["summary"]["claims"] == 1


def test_an_article_id_from_the_cache_never_names_a_claim_file(tmp_path: Path) -> None:
    """Before: the id '../planted' made the run read planted.yaml beside the claims folder."""
    entry_path = cached_entry(tmp_path)
    (tmp_path / "b.txt").write_text(CLAIM, encoding="utf-8")
    assert factcheck("extract", "a.txt", "--out", "claims", "--rules", str(RULES), "--no-cache", cwd=tmp_path).returncode == 0
    planted = (tmp_path / "claims" / "a.yaml").read_text(encoding="utf-8")
    for old, new in (("51,000", "38,000"), ("low: 50500", "low: 37500"), ("high: 51500", "high: 38500")):
        planted = planted.replace(old, new)
    (tmp_path / "planted.yaml").write_text(planted, encoding="utf-8")
    (tmp_path / "claims" / "a.yaml").unlink()
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["article"]["id"] = "../planted"
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    result = factcheck("run", "a.txt", "b.txt", "--rules", str(RULES), "--cache", "cache", "--claims", "claims", "--format", "json", cwd=tmp_path)
    assert result.returncode == exitcodes.OK, result.stdout  # the planted 38,000 would disagree with b's 51,000
    assert strict_json(result.stdout)["findings"] == []


@pytest.mark.parametrize("command", ["run", "extract"])
def test_names_that_differ_only_in_case_share_a_claim_file(tmp_path: Path, command: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "Report.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "in" / "report.md").write_text(CLAIM.replace("51,000", "38,000"), encoding="utf-8")
    args = RUN if command == "run" else ("--rules", str(RULES), "--no-cache")
    result = factcheck(command, "in", *args, cwd=tmp_path)
    assert result.returncode == exitcodes.USER_ERROR and result.stdout == ""
    assert stderr_lines(result)[-1] == (
        "in/report.md: expected unique article ids, found 'report' also in in/Report.txt as 'Report' "
        "(ids that differ only in case share one claim file on case-insensitive file systems)"
    )
